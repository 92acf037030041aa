# Seeding: one user and 100 cases of realistic size (≈ 28–30 kB as a list), spread over four
# sections and three months, so that the filtered list (section=on_list,
# surgery_date_from=2025-01-01) returns a part of them.
# Globals: BENCH_EMAIL, BENCH_PASSWORD, TOKEN (set by seed_user).

BENCH_EMAIL=bench@example.org
BENCH_PASSWORD=bench-password-4-harness
SEED_CASES=100
FILTER_QUERY='section=on_list&surgery_date_from=2025-01-01'

# api METHOD PATH [BODY] → prints the body, then a last line "HTTP <status>".
api() {
    local method=$1 path=$2 body=${3:-}
    local args=(-sS -m 10 -X "$method" -w '\nHTTP %{http_code}\n' -H 'Content-Type: application/json')
    [[ -n ${TOKEN:-} ]] && args+=(-H "Authorization: Bearer $TOKEN")
    [[ -n $body ]] && args+=(--data-binary "$body")
    curl "${args[@]}" "$(server_url)$path" || true  # a failed request shows as "HTTP 000"
}

status_of() { tail -n1 <<<"$1" | awk '{ print $2 }'; }
body_of() { sed '$d' <<<"$1"; }

seed_user() {
    local out credentials="{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}"
    TOKEN=
    out=$(api POST /users/register "$credentials")
    [[ $(status_of "$out") == 201 ]] || die "register → $(status_of "$out"): $(body_of "$out")"
    login_token
}

login_token() {
    local out
    out=$(api POST /users/login "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}")
    [[ $(status_of "$out") == 200 ]] || die "login → $(status_of "$out"): $(body_of "$out")"
    TOKEN=$(body_of "$out" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
    [[ -n $TOKEN ]] || die "no access_token in the login response"
}

# seed_cases IDS_FILE → creates the cases, writes their ids; prints the number expected to match
# FILTER_QUERY.
seed_cases() {
    local ids_file=$1 i out id expected=0
    local surnames=(Okafor Lindqvist Moreau Nakamura Fitzgerald Abernathy Kowalczyk Haddad Oyelaran
        Castellanos Whitcombe Raghunathan Delacroix Bergstrom Mbeki Thorvaldsen Quinlan Ivanova
        Papadopoulos Achterberg)
    local given=(Amara Johan Celine Hiro Siobhan Walter Agnieszka Karim Tolu Lucia Edmund Priya
        Mathieu Ingrid Thabo Sigrid Declan Olga Nikos Femke)
    local diagnoses=("Hip fracture" "Distal radius fracture" "Tibial shaft fracture" "ACL rupture"
        "Ankle fracture" "Scaphoid non-union" "Humerus fracture" "Septic knee" "Spinal stenosis"
        "Periprosthetic fracture")
    local outcomes=(Pending Listed "Awaiting CT" Consented "Fit for surgery")
    local sections=(new_referral on_list awaiting_consent post_op)
    local months=(2024-11 2024-12 2025-01 2025-02 2025-03)
    : >"$ids_file"
    for ((i = 0; i < SEED_CASES; i++)); do
        local section=${sections[i % 4]} date="null"
        if ((i % 7 != 3)); then
            date="\"${months[(i / 4) % 5]}-$(printf '%02d' $((1 + (i * 11) % 28)))\""
        fi
        local body="{\"name\":\"${given[i % 20]} ${surnames[(i * 7) % 20]}\","
        body+="\"diagnosis\":\"${diagnoses[i % 10]}\",\"outcome\":\"${outcomes[i % 5]}\","
        body+="\"section\":\"$section\",\"surgery_date\":$date"
        # The clinical workflow (issue 16) on every case, so that the list's clocks are worked out
        # as on a real board: admitted over the last 40 hours, half on the hip-fracture pathway,
        # a priority and a decision for the rest, some items of the checklist ticked. (A build
        # from before issue 16 ignores these fields: they are unknown to it.)
        local admitted decided priorities=(immediate urgent expedited elective)
        admitted=$(date -u -d "-$((i % 40)) hours" +%Y-%m-%dT%H:%M:%SZ)
        decided=$(date -u -d "-$((i % 9)) hours" +%Y-%m-%dT%H:%M:%SZ)
        if ((i % 2 == 0)); then
            body+=",\"pathway\":\"hip_fracture\",\"admitted_at\":\"$admitted\""
        else
            body+=",\"priority\":\"${priorities[i % 4]}\",\"decision_at\":\"$decided\""
        fi
        body+=",\"checklist\":{\"consent\":\"done\",\"bloods\":\"not_needed\"}}"
        out=$(api POST /cases/ "$body")
        [[ $(status_of "$out") == 201 ]] || die "seeding POST /cases/ → $(status_of "$out"): $(body_of "$out")"
        id=$(body_of "$out" | sed -n 's/^{"id" *: *"\([^"]*\)".*/\1/p')
        [[ -n $id ]] || id=$(body_of "$out" | grep -o '"id" *: *"[^"]*"' | head -n1 | sed 's/.*"\([^"]*\)"$/\1/')
        echo "$id" >>"$ids_file"
        if [[ $section == on_list && $date != null && ${date:1:7} > 2024-12 ]]; then
            expected=$((expected + 1))
        fi
    done
    echo "$expected"
}

# count_cases FILE → the number of case objects in a JSON list response.
count_cases() { grep -o '"surgery_date"' "$1" | wc -l; }
