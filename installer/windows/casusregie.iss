; Inno Setup 6 script: Casusregie for Windows, per user, without administrator rights.
;
; Build (on Windows, after installer\windows\build.ps1 made build\dist\casusregie):
;   iscc /DAppVersion=0.1.0 installer\windows\casusregie.iss
;   -> build\Casusregie-0.1.0-setup.exe
; Code signing: define SignTool in Inno Setup (Tools > Configure Sign Tools, or on the
; command line) and build with /DSign, e.g.
;   iscc /DSign "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f" ^
;        /DAppVersion=0.1.0 installer\windows\casusregie.iss
; Inno Setup then signs the setup and the uninstaller; build.ps1 signs casusregie.exe and
; casusregie-cli.exe before this script packs them (the same certificate).
;
; Silent install for IT (no questions, no admin rights, into %LOCALAPPDATA%\Programs\Casusregie):
;   Casusregie-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\casusregie-setup.log"
;   optional: /DIR="..." /TASKS="desktopicon" /NOICONS (no start-menu entry)
; Silent uninstall (the profile with the encrypted cases STAYS):
;   "%LOCALAPPDATA%\Programs\Casusregie\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Only with /DELETEPROFILE=yes does a silent uninstall also remove %LOCALAPPDATA%\casusregie.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Casusregie"
#define Root "..\.."

[Setup]
; Never change the AppId: it ties updates and the uninstaller to earlier installs.
AppId={{7C1E3E52-2B7C-4C1B-9A0E-5A8D3C6F1B27}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Casusregie
VersionInfoVersion={#AppVersion}
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\build
OutputBaseFilename=Casusregie-{#AppVersion}-setup
SetupIconFile={#Root}\installer\icon\casusregie.ico
UninstallDisplayIcon={app}\casusregie.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "Pictogram op het bureaublad"; Flags: unchecked

[Files]
Source: "{#Root}\build\dist\casusregie\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\casusregie.exe"; Comment: "Werkplek voor casusregie"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\casusregie.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\casusregie.exe"; Description: "Casusregie nu starten"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the profile: the encrypted cases in %LOCALAPPDATA%\casusregie
; are removed only when the user ticks the box below (or IT passes /DELETEPROFILE=yes).

[Code]
var
  DeleteProfile: Boolean;

function ProfileDir(): String;
begin
  Result := ExpandConstant('{localappdata}\casusregie');
end;

function AskDeleteProfile(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Form := CreateCustomForm(ScaleX(440), ScaleY(190), False, True);
  try
    Form.Caption := 'Casusregie verwijderen';
    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(16);
    Text.Top := ScaleY(16);
    Text.Width := Form.ClientWidth - ScaleX(32);
    Text.AutoSize := False;
    Text.Height := ScaleY(56);
    Text.WordWrap := True;
    Text.Caption := 'Het programma wordt verwijderd. Uw casussen blijven versleuteld bewaard in ' +
      ProfileDir() + ', zodat u ze na een nieuwe installatie weer kunt openen.';
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := ScaleY(84);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Height := ScaleY(36);
    Box.Caption := 'Ook mijn profiel met alle casussen verwijderen (kan niet ongedaan worden gemaakt)';
    Box.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := 'Verwijderen';
    OkButton.Left := Form.ClientWidth - ScaleX(16 + 2 * 96 + 8);
    OkButton.Top := Form.ClientHeight - ScaleY(40);
    OkButton.Width := ScaleX(96);
    OkButton.Height := ScaleY(26);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := 'Annuleren';
    CancelButton.Left := Form.ClientWidth - ScaleX(16 + 96);
    CancelButton.Top := OkButton.Top;
    CancelButton.Width := ScaleX(96);
    CancelButton.Height := ScaleY(26);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    Result := Form.ShowModal() = mrOk;
    DeleteProfile := Result and Box.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  DeleteProfile := False;
  if UninstallSilent() then
  begin
    // IT: keep the profile unless explicitly asked.
    DeleteProfile := ExpandConstant('{param:DELETEPROFILE|no}') <> 'no';
    Result := True;
  end
  else
    Result := AskDeleteProfile();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteProfile and DirExists(ProfileDir()) then
    DelTree(ProfileDir(), True, True, True);
end;
