# Shared by the .ci scripts (sourced). One pack per CI run into a local folder, and throwaway projects outside the
# repository that restore from it the way a user would: their own nuget.config ADDS the folder (a path, never a URL)
# and keeps the machine's default sources.

# ci_pack: packs Tsid.Core, Tsid.Capture and Tsid.Inspection once into $TSID_CI_WORK/feed; sets TSID_FEED, TSID_VERSION.
ci_pack() {
  : "${TSID_CI_WORK:?TSID_CI_WORK must name a temporary folder}"
  TSID_FEED="$TSID_CI_WORK/feed"
  if ! ls "$TSID_FEED"/Tsid.Core.[0-9]*.nupkg >/dev/null 2>&1; then
    mkdir -p "$TSID_FEED"
    local p
    for p in Tsid.Core Tsid.Capture Tsid.Inspection; do
      dotnet pack "src/$p/$p.csproj" -c Release -o "$TSID_FEED" -v quiet -nologo >"$TSID_CI_WORK/pack-$p.log" 2>&1 \
        || { cat "$TSID_CI_WORK/pack-$p.log" >&2; echo "CI: dotnet pack $p failed" >&2; return 1; }
    done
  fi
  # The version is whatever the build gives (Directory.Build.props): read it from the package name.
  local nupkg
  nupkg=$(ls "$TSID_FEED"/Tsid.Core.[0-9]*.nupkg | grep -v '\.snupkg$' | head -n 1)
  TSID_VERSION=$(basename "$nupkg" .nupkg)
  TSID_VERSION=${TSID_VERSION#Tsid.Core.}
  export TSID_FEED TSID_VERSION
}

# ci_throwaway NAME TEMPLATE_DIR: a fresh project folder under $TSID_CI_WORK with the template's files and a nuget.config
# that adds the local feed. Packages go to a private folder (so a package of the same version restored earlier can never
# be picked instead of this run's); the machine's package folder is a read-only fallback for everything else.
ci_throwaway() {
  local dir="$TSID_CI_WORK/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$2"/. "$dir"/
  local global
  global=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: *//')
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tsid-local" value="$TSID_FEED" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine" value="$global" />
  </fallbackPackageFolders>
</configuration>
XML
  echo "$dir"
}

# Private package folder for the throwaway projects (see ci_throwaway).
ci_packages_env() {
  export NUGET_PACKAGES="$TSID_CI_WORK/packages"
}
