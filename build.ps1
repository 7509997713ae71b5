<#
.SYNOPSIS
    Builds, tests and demonstrates MetaStudio.Voice.
.DESCRIPTION
    Build : compiles the solution and lays out the importable module in out/MetaStudio.Voice/.
    Test  : runs every test (dotnet test), then the Pester scenarios when Pester is installed.
    Demo  : builds, starts the local emulator, runs New | Send | Submit on a generated dataset,
            follows the job to SUCCEED, prints it, and stops the emulator.
    Package: builds the module and lays out PowerShell Gallery package out/MetaStudio.Voice.<version>.nupkg
            (version from the manifest's ModuleVersion; no PowerShellGet needed), plus the emulator's .NET tool
            package out/MetaStudio.Voice.Emulator.<version>.nupkg. -Configuration, -OutputDirectory, -NoBuild.
    Clean : removes out/ and the build folders.
    Runs on pwsh, Windows PowerShell 5.1 and the bare engine (../shared/tools/psrun), so it uses
    only core cmdlets and .NET calls.
.EXAMPLE
    pwsh ./build.ps1 -Task Demo
.EXAMPLE
    pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package: where the .nupkg files go (default out/).
    [string] $OutputDirectory,

    # Package: pack what out/MetaStudio.Voice/ and the emulator's bin/<Configuration> already hold.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = [IO.Path]::Combine($root, 'out', 'MetaStudio.Voice')

. ([IO.Path]::Combine($root, 'build', 'New-DemoRecording.ps1'))

function Say([string] $text) { $Host.UI.WriteLine($text) }

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Say "Building MetaStudio.Voice ($Configuration)"
    Invoke-Dotnet build ([IO.Path]::Combine($root, 'MetaStudio.sln')) -c $Configuration --nologo -v q
    Say "Module: $moduleDir"
}

function Invoke-Test {
    Invoke-Dotnet test ([IO.Path]::Combine($root, 'MetaStudio.sln')) -c $Configuration --nologo
    $pester = [IO.Path]::Combine($root, 'tests', 'pester')
    # The scenarios are Pester 5; Windows PowerShell 5.1 ships Pester 3, which cannot run them.
    $pester5 = @(Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -ge 5 })
    if ([IO.Directory]::Exists($pester) -and $pester5.Count -gt 0) {
        Import-Module Pester -MinimumVersion 5.0
        $result = Invoke-Pester -Path $pester -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
    }
}

function Invoke-Demo {
    Invoke-Build
    $work = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'metastudio-demo-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    $data = [IO.Path]::Combine($work, 'voice')
    [void][IO.Directory]::CreateDirectory($data)
    $urlFile = [IO.Path]::Combine($work, 'emulator.url')
    $emulatorDll = [IO.Path]::Combine($root, 'src', 'MetaStudio.Voice.Emulator', 'bin', $Configuration, 'net10.0', 'MetaStudio.Voice.Emulator.dll')

    # ProcessStartInfo.Arguments (not ArgumentList) so this also runs on Windows PowerShell 5.1.
    $emulatorArgs = @($emulatorDll, '--port', '0', '--url-file', $urlFile, '--step-delay', '00:00:01', '--data-dir', [IO.Path]::Combine($work, 'emulator-data'))
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet', (($emulatorArgs | ForEach-Object { '"' + $_ + '"' }) -join ' '))
    $start.UseShellExecute = $false
    $emulator = [Diagnostics.Process]::Start($start)
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not [IO.File]::Exists($urlFile) -or [IO.File]::ReadAllText($urlFile).Trim().Length -eq 0) {
            if ($emulator.HasExited) { throw "The emulator exited with code $($emulator.ExitCode)" }
            if ([DateTime]::UtcNow -gt $deadline) { throw 'The emulator did not start within 60 s' }
            [Threading.Thread]::Sleep(100)
        }
        $endpoint = [IO.File]::ReadAllText($urlFile).Trim()
        Say "Emulator: $endpoint"

        New-DemoRecording ([IO.Path]::Combine($data, 'recording.wav')) 200
        Import-Module ([IO.Path]::Combine($moduleDir, 'MetaStudio.Voice.psd1')) -Force

        $token = [Net.NetworkCredential]::new('', 'emulator-token').SecurePassword
        Connect-MetaStudio -Endpoint $endpoint -ProjectId '0123456789abcdef0123456789abcdef' -Token $token

        Say "`nTest-VoiceTrainingData -Path $data"
        Test-VoiceTrainingData -Path $data | Out-Default

        Say "New-VoiceTrainingJob -VoiceName 'Demo voice' -Path $data | Send-VoiceTrainingData | Submit-VoiceTrainingJob"
        $job = New-VoiceTrainingJob -VoiceName 'Demo voice' -Tag ECOMMERCE -Sex FEMALE -Language CN -Path $data |
            Send-VoiceTrainingData |
            Submit-VoiceTrainingJob
        if (-not $job) { throw 'The demo pipeline produced no job' }
        $job | Out-Default

        Say 'Wait-VoiceTrainingJob -PollInterval 0.5 -Timeout 60   (the emulator moves the job one state a second)'
        $job = $job | Wait-VoiceTrainingJob -PollInterval 0.5 -Timeout 60
        if (-not $job -or $job.State -ne 'SUCCEED') { throw 'The demo job did not succeed' }
        $job | Out-Default
        Get-VoiceTrainingJobLog -JobId $job.JobId | Out-Default
        Say "Voice asset id: $($job.AssetId)"
        Disconnect-MetaStudio
    }
    finally {
        if (-not $emulator.HasExited) { $emulator.Kill(); [void]$emulator.WaitForExit(10000) }
        $emulator.Dispose()
        if ([IO.Directory]::Exists($work)) { [IO.Directory]::Delete($work, $true) }
    }
}

function Read-ManifestData([string] $path) {
    # The manifest as data. Import-PowerShellDataFile where it exists (5.0+ with Microsoft.PowerShell.Utility);
    # elsewhere (the bare engine) the same thing it does: parse the file and evaluate its hashtable safely,
    # which refuses anything but constants.
    if (Get-Command -Name Import-PowerShellDataFile -ErrorAction Ignore) { return Import-PowerShellDataFile -LiteralPath $path }
    $tokens = $null; $errors = $null
    $ast = [Management.Automation.Language.Parser]::ParseFile($path, [ref] $tokens, [ref] $errors)
    if ($errors.Count -gt 0) { throw "$path does not parse: $($errors[0].Message)" }
    $table = $ast.Find({ param($node) $node -is [Management.Automation.Language.HashtableAst] }, $false)
    if (-not $table) { throw "$path holds no hashtable" }
    return $table.SafeGetValue()
}

function Get-ModulePackageFiles([string] $dir) {
    # What PowerShellGet puts in a module's package, relative to the module folder: the manifest, the root
    # assembly, formats/types, LICENSE, culture help folders (en-US/) and Dependencies/. Nothing else
    # (no pdb, no deps.json, no stray build output).
    $files = [Collections.Generic.List[string]]::new()
    foreach ($file in [IO.Directory]::GetFiles($dir)) {
        $name = [IO.Path]::GetFileName($file)
        $extension = [IO.Path]::GetExtension($name).ToLowerInvariant()
        if ($name -eq 'LICENSE' -or $extension -in @('.psd1', '.psm1', '.dll', '.ps1xml')) { $files.Add($name) }
        elseif ($extension -ne '.pdb') { Say "  skipped $name (not part of the module)" }
    }
    foreach ($sub in [IO.Directory]::GetDirectories($dir)) {
        $subName = [IO.Path]::GetFileName($sub)
        $isCulture = $subName -match '^[a-z]{2,3}(-[A-Za-z]{2,4})?$'
        if ($subName -ne 'Dependencies' -and -not $isCulture) { Say "  skipped $subName/ (not part of the module)"; continue }
        foreach ($file in [IO.Directory]::GetFiles($sub, '*', [IO.SearchOption]::AllDirectories)) {
            $relative = $file.Substring($dir.Length).TrimStart('\', '/').Replace('\', '/')
            $extension = [IO.Path]::GetExtension($file).ToLowerInvariant()
            if ($subName -eq 'Dependencies' -and $extension -ne '.dll') { continue }
            if ($extension -eq '.pdb') { continue }
            $files.Add($relative)
        }
    }
    return , $files
}

function Invoke-Package {
    # A PowerShell Gallery package (.nupkg) of out/MetaStudio.Voice/ laid out as Publish-Module does, built
    # without PowerShellGet: a zip of the module files at the root, the .nuspec, [Content_Types].xml and _rels/.rels.
    if (-not $NoBuild) {
        Say "Building MetaStudio.Voice ($Configuration)"
        Invoke-Dotnet build ([IO.Path]::Combine($root, 'src', 'MetaStudio.Voice', 'MetaStudio.Voice.csproj')) -c $Configuration --nologo -v q
    }
    $outDir = if ($OutputDirectory) { [IO.Path]::GetFullPath([IO.Path]::Combine($ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath, $OutputDirectory)) } else { [IO.Path]::Combine($root, 'out') }
    [void][IO.Directory]::CreateDirectory($outDir)

    $psd1 = [IO.Path]::Combine($moduleDir, 'MetaStudio.Voice.psd1')
    if (-not [IO.File]::Exists($psd1)) { throw "No module at $moduleDir; run ./build.ps1 first" }
    if (-not [IO.File]::Exists([IO.Path]::Combine($moduleDir, 'LICENSE'))) { throw "LICENSE is missing from $moduleDir; run ./build.ps1 to lay the module out again" }
    [void](Test-ModuleManifest -Path $psd1 -ErrorAction Stop)
    $manifest = Read-ManifestData $psd1
    $psData = $manifest.PrivateData.PSData
    $version = [string]$manifest.ModuleVersion
    if ($psData.Prerelease) { $version += '-' + $psData.Prerelease }

    $tags = [Collections.Generic.List[string]]::new()
    foreach ($tag in @($psData.Tags) + @('PSModule')) { if ($tag -and -not $tags.Contains($tag)) { $tags.Add($tag) } }
    # Publish-Module's command tags: the Gallery's "Cmdlets" list and command search come from these.
    if (@($manifest.CmdletsToExport).Count -gt 0) { $tags.Add('PSIncludes_Cmdlet') }
    foreach ($cmdlet in @($manifest.CmdletsToExport)) { if ($cmdlet) { $tags.Add("PSCmdlet_$cmdlet"); $tags.Add("PSCommand_$cmdlet") } }

    function X([object] $value) { [Security.SecurityElement]::Escape([string]$value) }
    $nuspec = @(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">'
        '  <metadata>'
        "    <id>MetaStudio.Voice</id>"
        "    <version>$(X $version)</version>"
        "    <authors>$(X $manifest.Author)</authors>"
        "    <owners>$(X $(if ($manifest.CompanyName) { $manifest.CompanyName } else { $manifest.Author }))</owners>"
        '    <requireLicenseAcceptance>false</requireLicenseAcceptance>'
        "    <licenseUrl>$(X $psData.LicenseUri)</licenseUrl>"
        "    <projectUrl>$(X $psData.ProjectUri)</projectUrl>"
        "    <description>$(X $manifest.Description)</description>"
        "    <releaseNotes>$(X $psData.ReleaseNotes)</releaseNotes>"
        "    <copyright>$(X $manifest.Copyright)</copyright>"
        "    <tags>$(X ($tags -join ' '))</tags>"
        '  </metadata>'
        '</package>'
    ) -join "`n"

    $files = Get-ModulePackageFiles $moduleDir
    $extensions = [Collections.Generic.SortedSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    $overrides = [Collections.Generic.List[string]]::new()
    foreach ($name in @($files) + @('MetaStudio.Voice.nuspec')) {
        $extension = [IO.Path]::GetExtension($name)
        if ($extension) { [void]$extensions.Add($extension.Substring(1)) } else { $overrides.Add($name) }
    }
    $contentTypes = @(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
        foreach ($extension in $extensions) { "  <Default Extension=""$(X $extension)"" ContentType=""application/octet"" />" }
        foreach ($name in $overrides) { "  <Override PartName=""/$(X $name)"" ContentType=""application/octet"" />" }
        '</Types>'
    ) -join "`n"
    $rels = @(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '  <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/MetaStudio.Voice.nuspec" Id="R0" />'
        '</Relationships>'
    ) -join "`n"

    # System.IO.Compression is loaded in pwsh; Windows PowerShell 5.1 needs it loaded by name.
    if (-not ('System.IO.Compression.ZipArchive' -as [type])) {
        [void][Reflection.Assembly]::Load('System.IO.Compression, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089')
    }
    $package = [IO.Path]::Combine($outDir, "MetaStudio.Voice.$version.nupkg")
    $utf8 = [Text.UTF8Encoding]::new($false)
    $stream = [IO.File]::Create($package)
    try {
        $zip = [IO.Compression.ZipArchive]::new($stream, [IO.Compression.ZipArchiveMode]::Create)
        try {
            $parts = [ordered]@{ '_rels/.rels' = $utf8.GetBytes($rels); 'MetaStudio.Voice.nuspec' = $utf8.GetBytes($nuspec) }
            foreach ($name in $files) { $parts[$name] = [IO.File]::ReadAllBytes([IO.Path]::Combine($moduleDir, $name)) }
            $parts['[Content_Types].xml'] = $utf8.GetBytes($contentTypes)
            foreach ($name in $parts.Keys) {
                $entry = $zip.CreateEntry($name, [IO.Compression.CompressionLevel]::Optimal)
                $entryStream = $entry.Open()
                try { $bytes = [byte[]]$parts[$name]; $entryStream.Write($bytes, 0, $bytes.Length) } finally { $entryStream.Dispose() }
            }
        }
        finally { $zip.Dispose() }
    }
    finally { $stream.Dispose() }
    Say "Module package: $package ($(@($files).Count) module files)"

    # The emulator as a .NET tool (dotnet tool install --add-source out MetaStudio.Voice.Emulator).
    $emulatorProject = [IO.Path]::Combine($root, 'src', 'MetaStudio.Voice.Emulator', 'MetaStudio.Voice.Emulator.csproj')
    if ($NoBuild) { Invoke-Dotnet pack $emulatorProject -c $Configuration -o $outDir --nologo -v q --no-build }
    else { Invoke-Dotnet pack $emulatorProject -c $Configuration -o $outDir --nologo -v q }
    Say "Emulator tool package: $([IO.Path]::Combine($outDir, "MetaStudio.Voice.Emulator.$version.nupkg"))"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Clean' {
        foreach ($dir in @('out', 'src/MetaStudio.Voice/bin', 'src/MetaStudio.Voice/obj', 'src/MetaStudio.Voice.Emulator/bin',
                'src/MetaStudio.Voice.Emulator/obj', 'tests/MetaStudio.Voice.Tests/bin', 'tests/MetaStudio.Voice.Tests/obj')) {
            $full = [IO.Path]::Combine($root, $dir)
            if ([IO.Directory]::Exists($full)) { [IO.Directory]::Delete($full, $true) }
        }
    }
}
