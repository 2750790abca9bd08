"""What every Python example connector shares: the parts a WhatsApp Cloud API webhook must get
right whatever the framework (signature over the raw body, the verify handshake, envelope
parsing, dedupe, Graph API sends with Meta's retry rules, Prometheus text, the contract env).

Standard library only, so each example runs on Debian's python3 with its framework package.
"""
