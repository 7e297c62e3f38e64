# Installs the Debian/Ubuntu packages Tenure needs when they are missing, and says so.
# Sourced by scripts/demo and scripts/test; needs only apt-get (and sudo when not root).

# The system libraries every build needs: SQLite's headers for the embedded warehouse (GRDB),
# XGBoost's C API for the churn model.
TENURE_BUILD_PACKAGES=(libsqlite3-dev libxgboost-dev)

ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "tenure: installing missing system packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
