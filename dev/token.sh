#!/usr/bin/env bash
# Mints development-only tokens signed with the keys in dev/keys, which only the dev profile trusts.
#
#   dev/token.sh pylon ROLE ORG_ID [ORG_NAME] [USER_ID]   a Pylon JWT (ROLE: admin or member)
#   dev/token.sh forge CLOUD_ID [ACCOUNT_ID]              a Forge Invocation Token for that Jira site
#
# Tokens are valid for one hour. Production refuses to start with these keys.
set -euo pipefail
cd "$(dirname "$0")"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

sign() { # header-json payload-json private-key
    local signing_input
    signing_input="$(printf '%s' "$1" | b64url).$(printf '%s' "$2" | b64url)"
    printf '%s.%s' "$signing_input" \
        "$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$3" -binary | b64url)"
}

now=$(date +%s)
exp=$((now + 3600))

case "${1:-}" in
pylon)
    role="${2:?role: admin or member}"
    org="${3:?organization id (a UUID)}"
    name="${4:-Acme Support}"
    user="${5:-user-$role}"
    sign '{"alg":"RS256","typ":"JWT"}' \
        "{\"iss\":\"https://app.usepylon.com\",\"sub\":\"$user\",\"org_id\":\"$org\",\"org_name\":\"$name\",\"groups\":[\"$role\"],\"iat\":$now,\"exp\":$exp}" \
        keys/pylon-jwt-private.pem
    ;;
forge)
    cloud="${2:?cloud id of the pretend Jira site}"
    account="${3:-557058:dev-jira-admin}"
    sign '{"alg":"RS256","typ":"JWT","kid":"pylon-dev-forge-key"}' \
        "{\"iss\":\"forge/invocation-token\",\"aud\":\"ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000dev0\",\"iat\":$now,\"nbf\":$now,\"exp\":$exp,\"principal\":\"$account\",\"app\":{\"id\":\"ari:cloud:ecosystem::app/00000000-0000-4000-8000-00000000dev0\",\"installationId\":\"ari:cloud:ecosystem::installation/dev-$cloud\",\"apiBaseUrl\":\"https://api.atlassian.com/ex/jira/$cloud\"},\"context\":{\"cloudId\":\"$cloud\"}}" \
        keys/forge-private.pem
    ;;
*)
    sed -n '2,8p' "$0" >&2
    exit 2
    ;;
esac
echo
