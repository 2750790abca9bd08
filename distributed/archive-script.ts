/**
 * The shell script that turns the bundle into k6's own archive and a ConfigMap manifest (pure).
 * The app secret given to `k6 archive` is a placeholder: init needs one, the archive keeps it,
 * and the pods' WA_APP_SECRET (from the Secret) overrides it at run time.
 */
export function buildArchiveScript(input: { script: string; configMapName: string }): string {
  return `#!/bin/sh
# Packs bundle/ into archive.tar with k6 and writes the ConfigMap manifest. Needs k6 >= 1.0
# (and kubectl for configmap.yaml). Then: kubectl apply -k .   (or apply configmap.yaml and testrun.json)
set -eu
cd "$(dirname "$0")"
(cd bundle && k6 archive -e WA_CONFIG=../wa-config.json -e WA_APP_SECRET=set-at-run-time -O ../archive.tar ${input.script})
if command -v kubectl >/dev/null 2>&1; then
  kubectl create configmap ${input.configMapName} --from-file=archive.tar --dry-run=client -o yaml > configmap.yaml
fi
echo "archive.tar ready; next: kubectl apply -k $(pwd)"
`;
}
