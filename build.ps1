<#
.SYNOPSIS
    Builds, tests and demonstrates MetaStudio.Voice.
.DESCRIPTION
    Build : compiles the solution and lays out the importable module in out/MetaStudio.Voice/.
    Test  : runs every test (dotnet test), then the Pester scenarios when Pester is installed.
    Demo  : builds, starts the local emulator, runs New | Send | Submit on a generated dataset,
            follows the job to SUCCEED, prints it, and stops the emulator.
    Clean : removes out/ and the build folders.
    Runs on pwsh, Windows PowerShell 5.1 and the bare engine (../shared/tools/psrun), so it uses
    only core cmdlets and .NET calls.
.EXAMPLE
    pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = [IO.Path]::Combine($root, 'out', 'MetaStudio.Voice')

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
    if ([IO.Directory]::Exists($pester) -and (Get-Module -ListAvailable -Name Pester)) {
        Import-Module Pester
        $result = Invoke-Pester -Path $pester -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
    }
}

function New-DemoRecording([string] $path, [int] $seconds) {
    # 16 kHz, 16-bit mono PCM: a real, playable WAV. One second of a chord is synthesised and repeated,
    # which keeps this fast on the bare engine (a per-sample loop over minutes of audio is not).
    $rate = 16000
    $second = [byte[]]::new($rate * 2)
    for ($i = 0; $i -lt $rate; $i++) {
        $t = $i / $rate
        $v = [int16](5000 * [Math]::Sin(2 * [Math]::PI * 220 * $t) + 2500 * [Math]::Sin(2 * [Math]::PI * 330 * $t))
        $second[2 * $i] = $v -band 0xFF
        $second[2 * $i + 1] = ($v -shr 8) -band 0xFF
    }
    $dataBytes = $second.Length * $seconds
    $stream = [IO.File]::Create($path)
    $writer = [IO.BinaryWriter]::new($stream)
    try {
        $writer.Write([Text.Encoding]::ASCII.GetBytes('RIFF')); $writer.Write([int](36 + $dataBytes))
        $writer.Write([Text.Encoding]::ASCII.GetBytes('WAVEfmt ')); $writer.Write([int]16)
        $writer.Write([int16]1); $writer.Write([int16]1); $writer.Write([int]$rate); $writer.Write([int]($rate * 2))
        $writer.Write([int16]2); $writer.Write([int16]16)
        $writer.Write([Text.Encoding]::ASCII.GetBytes('data')); $writer.Write([int]$dataBytes)
        for ($s = 0; $s -lt $seconds; $s++) { $writer.Write($second) }
    }
    finally { $writer.Dispose() }
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

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Clean' {
        foreach ($dir in @('out', 'src/MetaStudio.Voice/bin', 'src/MetaStudio.Voice/obj', 'src/MetaStudio.Voice.Emulator/bin',
                'src/MetaStudio.Voice.Emulator/obj', 'tests/MetaStudio.Voice.Tests/bin', 'tests/MetaStudio.Voice.Tests/obj')) {
            $full = [IO.Path]::Combine($root, $dir)
            if ([IO.Directory]::Exists($full)) { [IO.Directory]::Delete($full, $true) }
        }
    }
}
