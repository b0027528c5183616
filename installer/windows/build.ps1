# Build Casusregie for Windows: the locked build venv, the PyInstaller bundle, signing,
# the Inno Setup installer. Run in PowerShell from the repository root, with Python 3.11
# (py launcher) and Inno Setup 6 (iscc.exe) installed:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -Sign "signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a"
# Result: build\Casusregie-<version>-setup.exe
param([string]$Sign = "")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

function Step($what, [scriptblock]$block, $log) {
  Write-Host "Casusregie: $what..."
  & $block *> $log
  if ($LASTEXITCODE -ne 0) { Get-Content $log -Tail 60; throw "Casusregie: $what is mislukt (verslag: $log)" }
}

New-Item -ItemType Directory -Force build | Out-Null
if (-not (Test-Path build\venv\Scripts\python.exe)) { py -3.11 -m venv build\venv }
$py = "build\venv\Scripts\python.exe"
Step "bouwomgeving installeren" {
  & $py -m pip install --disable-pip-version-check --require-hashes -r locks\desktop.txt -r locks\build.txt
  if ($LASTEXITCODE -eq 0) {
    Remove-Item -Recurse -Force build\lib -ErrorAction SilentlyContinue
    & $py -m pip install --disable-pip-version-check --no-deps --force-reinstall .
  }
} build\install.log
Step "bundel maken met PyInstaller" {
  & build\venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN `
    --distpath build\dist --workpath build\pyinstaller installer\casusregie.spec
} build\pyinstaller.log
$version = (& build\dist\casusregie\casusregie-cli.exe --version).Split(" ")[1]

if ($Sign) {
  # The code-signing hook: the two executables first, then Inno Setup signs setup and uninstaller.
  foreach ($exe in "casusregie.exe", "casusregie-cli.exe") {
    Invoke-Expression "$Sign build\dist\casusregie\$exe"
    if ($LASTEXITCODE -ne 0) { throw "ondertekenen van $exe is mislukt" }
  }
  iscc /Q /DSign "/Ssigntool=$Sign `$f" /DAppVersion=$version installer\windows\casusregie.iss
} else {
  iscc /Q /DAppVersion=$version installer\windows\casusregie.iss
}
if ($LASTEXITCODE -ne 0) { throw "Inno Setup is mislukt" }
Write-Host "Casusregie: build\Casusregie-$version-setup.exe"
