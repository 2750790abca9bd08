module github.com/wa-loadtest/examples/voice-bridge

go 1.19
