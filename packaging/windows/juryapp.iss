; Inno Setup script of juryapp's Windows installer (Inno Setup 6.3 or later).
; UNTESTED HERE: written for Windows and built by packaging/ci/juryapp-bundles.yml.
;
;   pyinstaller --noconfirm packaging\juryapp.spec          (builds dist\juryapp\)
;   iscc /DAppVersion=0.1.0 packaging\windows\juryapp.iss   (builds dist\juryapp-0.1.0-setup.exe)
;
; The installer asks whether to install for the current user (no administrator
; rights, %LOCALAPPDATA%\Programs\juryapp) or for all users (Program Files);
; silent installs choose with /CURRENTUSER or /ALLUSERS. It adds a Start menu
; entry, the .jury file type opened by juryapp, and an uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "juryapp"
#define Bundle "..\..\dist\juryapp"

[Setup]
AppId={{6F0D8F4E-3B7A-4C55-9E1D-2A7C1B5E9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=juryapp
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default, with a choice of all users (administrator) on the first page.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
UninstallDisplayIcon={app}\juryappw.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
french.CampaignFile=Campagne juryapp
english.CampaignFile=juryapp campaign
french.AssociateFiles=Ouvrir les fichiers .jury avec juryapp
english.AssociateFiles=Open .jury files with juryapp
french.DesktopIcon=Créer une icône sur le Bureau
english.DesktopIcon=Create a desktop icon

[Tasks]
Name: "associate"; Description: "{cm:AssociateFiles}"; Flags: checkedonce
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\juryappw.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\juryappw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.jury"; ValueType: string; ValueName: ""; ValueData: "juryapp.campaign"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.jury"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-juryapp"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.jury\OpenWithProgids"; ValueType: string; ValueName: "juryapp.campaign"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\juryapp.campaign"; ValueType: string; ValueName: ""; ValueData: "{cm:CampaignFile}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\juryapp.campaign\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\juryappw.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\juryapp.campaign\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\juryappw.exe"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\juryappw.exe\SupportedTypes"; ValueType: string; ValueName: ".jury"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\juryappw.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
