#!/usr/bin/env bash
# Bundled checklist on the real backend: its document's commit, its newest commit, and mutations
# (must go red naming the mutated file) and rewrites (must stay green) of the newest commit.
# Usage: analemma-sweep.sh CLONE_OF_Analemma-Os
set -euo pipefail
clone=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/../../.." && pwd)
[ -d "$here/target/classes" ] || (cd "$here" && mvn -q -B compile)
cp_file=$(mktemp)
(cd "$here" && mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null)
gl() { java -cp "$here/target/classes:$(cat "$cp_file")" dev.greenlight.Main "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work" "$cp_file"' EXIT
wf=.github/workflows/backend-deploy.yml
be=analemma-workflow-os/backend

verdicts() { # dir items...
  local dir=$1; shift
  local only; only=$(IFS=,; echo "$*")
  { gl run --checkout "$dir" --only "$only" --format json 2>/dev/null || true; } | python3 -c '
import json,sys
d=json.load(sys.stdin)
print("; ".join("%s %s%s" % (i["id"], i["status"], "" if i["status"] in ("PASS",) else " ("+ (i["evidence"][0]["file"] or "") +")") for i in d["items"]))'
}

fresh() { rm -rf "$work/c"; git clone -q "$clone" "$work/c"; git -C "$work/c" checkout -q "${1:-HEAD}"; echo "$work/c"; }

echo "== whole checklist"
for rev in 7b00d4a HEAD; do
  c=$(fresh $rev)
  printf '%-10s ' "$rev"; { gl run --checkout "$c" 2>/dev/null || true; } | tail -1
done

case_() { # name expectation items... ; the edit is read from stdin as a bash snippet run in the clone
  local name=$1 expect=$2; shift 2
  local c; c=$(fresh HEAD)
  (cd "$c" && bash -s)
  printf '%-28s %-6s %s\n' "$name" "$expect" "$(verdicts "$c" "$@")"
}

echo "== mutations (expect red) and rewrites (expect green)"
case_ stack-env red sam-deploy-flags <<EOS
sed -i 's/SAM_STACK_NAME: backend-workflow-dev/SAM_STACK_NAME: backend-workflow-prod/' $wf
EOS
case_ caps-dropped red sam-deploy-flags <<EOS
sed -i 's/--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\\\/--capabilities CAPABILITY_IAM \\\\/' $wf
EOS
case_ image-uri-latest red sam-deploy-injects-parameters <<'EOS'
sed -i 's|backend-lambda-function:${{ github.sha }}$|backend-lambda-function:latest|' .github/workflows/backend-deploy.yml
EOS
case_ base-hash-tag-deleted red base-image-build <<'EOS'
sed -i '/backend-llm-base:${{ steps.base-image-check.outputs.hash }}/d' .github/workflows/backend-deploy.yml
EOS
case_ stack-name-left-to-samconfig red sam-deploy-flags <<'EOS'
sed -i '/--stack-name "${SAM_STACK_NAME}" \\/d' .github/workflows/backend-deploy.yml
EOS
case_ paths-filter-elsewhere red trigger-push-configured <<'EOS'
sed -i "s|- 'analemma-workflow-os/backend/\*\*'|- 'analemma-workflow-os/frontend/**'|" .github/workflows/backend-deploy.yml
EOS
case_ flags-in-bash-array green sam-deploy-flags sam-deploy-injects-parameters <<'EOS'
python3 - <<'PY'
f='.github/workflows/backend-deploy.yml'; s=open(f).read()
a=s.index('          sam deploy \\\n'); b=s.index('--parameter-overrides ${PARAM_OVERRIDES}\n',a)+len('--parameter-overrides ${PARAM_OVERRIDES}\n')
s=s[:a]+'''          DEPLOY_ARGS=(
            --stack-name "${SAM_STACK_NAME}"
            --region "${AWS_REGION}"
            --resolve-s3
            --image-repository "${IMAGE_REPO_URI}"
            --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM
          )
          sam deploy "${DEPLOY_ARGS[@]}" --parameter-overrides ${PARAM_OVERRIDES}
'''+s[b:]; open(f,'w').write(s)
PY
EOS
case_ deploy-in-called-script green sam-deploy-flags sam-deploy-injects-parameters <<'EOS'
python3 - <<'PY'
f='.github/workflows/backend-deploy.yml'; s=open(f).read()
a=s.index('          sam deploy \\\n'); b=s.index('--parameter-overrides ${PARAM_OVERRIDES}\n',a)+len('--parameter-overrides ${PARAM_OVERRIDES}\n')
s=s[:a]+'          export PARAM_OVERRIDES\n          ./scripts/deploy.sh\n'+s[b:]; open(f,'w').write(s)
open('analemma-workflow-os/backend/scripts/deploy.sh','w').write('''#!/usr/bin/env bash
set -euo pipefail
sam deploy \\
  --stack-name "${SAM_STACK_NAME}" \\
  --region "${AWS_REGION}" \\
  --resolve-s3 \\
  --image-repository "${IMAGE_REPO_URI}" \\
  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\
  --parameter-overrides ${PARAM_OVERRIDES}
''')
PY
EOS
case_ dropped-in-called-script red sam-deploy-flags <<'EOS'
python3 - <<'PY'
f='.github/workflows/backend-deploy.yml'; s=open(f).read()
a=s.index('          sam deploy \\\n'); b=s.index('--parameter-overrides ${PARAM_OVERRIDES}\n',a)+len('--parameter-overrides ${PARAM_OVERRIDES}\n')
s=s[:a]+'          ./scripts/deploy.sh\n'+s[b:]; open(f,'w').write(s)
open('analemma-workflow-os/backend/scripts/deploy.sh','w').write('sam deploy --stack-name "$SAM_STACK_NAME" --resolve-s3 --region "$AWS_REGION" --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --parameter-overrides $PARAM_OVERRIDES\n')
PY
EOS
case_ folded-run-block green sam-deploy-flags <<'EOS'
python3 - <<'PY'
f='.github/workflows/backend-deploy.yml'; s=open(f).read()
a=s.index('      - name: SAM Deploy'); b=s.index('      - name: Update SSM Parameters')
s=s[:a]+'''      - name: SAM Deploy
        env:
          SAM_STACK_NAME: ${{ env.SAM_STACK_NAME }}
          IMAGE_REPO_URI: ${{ steps.login-ecr.outputs.registry }}/backend-lambda-function
        run: >-
          sam deploy
          --stack-name "${SAM_STACK_NAME}"
          --region "${AWS_REGION}"
          --resolve-s3
          --image-repository "${IMAGE_REPO_URI}"
          --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM
          --parameter-overrides "StageName=dev"

'''+s[b:]; open(f,'w').write(s)
PY
EOS
case_ sub-arn-instead-of-getatt green orchestrator-substitutions <<'EOS'
sed -i 's|InitializeStateDataArn: !GetAtt InitializeStateDataFunction.Arn|InitializeStateDataArn: !Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${InitializeStateDataFunction}"|' analemma-workflow-os/backend/template.yaml
EOS
