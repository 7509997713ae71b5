# Shared by the *.Tests.ps1 scenarios (dot-source it in BeforeAll): finds the built module and emulator,
# starts the emulator as a separate process, and writes training data. Needs a build first
# (./build.ps1, or dotnet build / dotnet test).

$RepoRoot = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))
$ModuleManifest = Join-Path $RepoRoot 'out/MetaStudio.Voice/MetaStudio.Voice.psd1'

. (Join-Path $PSScriptRoot '../../build/New-DemoRecording.ps1')

function Get-EmulatorPath {
    # The most recently built emulator, Release or Debug (build.ps1 -Task Test builds -Configuration, default Release).
    $built = foreach ($configuration in 'Release', 'Debug') {
        $dll = Join-Path $RepoRoot "src/MetaStudio.Voice.Emulator/bin/$configuration/net10.0/MetaStudio.Voice.Emulator.dll"
        if (Test-Path -LiteralPath $dll) { Get-Item -LiteralPath $dll }
    }
    if (-not $built) { throw "The emulator is not built; run ./build.ps1 first." }
    ($built | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1).FullName
}

function Start-TestEmulator {
    <# Starts `dotnet MetaStudio.Voice.Emulator.dll --port 0 --url-file F` and waits for its URL. #>
    param([string] $StepDelay = '00:00:00.200')

    $work = Join-Path ([IO.Path]::GetTempPath()) ('msv-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $work
    $urlFile = Join-Path $work 'emulator.url'
    $arguments = @((Get-EmulatorPath), '--port', '0', '--url-file', $urlFile, '--step-delay', $StepDelay,
        '--data-dir', (Join-Path $work 'uploads')) | ForEach-Object { '"' + $_ + '"' }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList ($arguments -join ' ') -PassThru -NoNewWindow `
        -RedirectStandardOutput (Join-Path $work 'emulator.out') -RedirectStandardError (Join-Path $work 'emulator.err')

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path -LiteralPath $urlFile)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content -Raw (Join-Path $work 'emulator.err'))" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The emulator did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{
        Process   = $process
        Endpoint  = (Get-Content -Raw -LiteralPath $urlFile).Trim()
        ProjectId = '0123456789abcdef0123456789abcdef'
        Token     = ConvertTo-SecureString 'emulator-token' -AsPlainText -Force
        Work      = $work
    }
}

function Stop-TestEmulator {
    param($Emulator)
    if (-not $Emulator) { return }
    if (-not $Emulator.Process.HasExited) { $Emulator.Process.Kill(); $null = $Emulator.Process.WaitForExit(10000) }
    Remove-Item -LiteralPath $Emulator.Work -Recurse -Force -ErrorAction SilentlyContinue
}

function New-TestRecording {
    <# A real 16 kHz 16-bit mono PCM WAV (see build/New-DemoRecording.ps1). #>
    param([Parameter(Mandatory)][string] $Path, [int] $Seconds = 185)
    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force
    New-DemoRecording $Path $Seconds
    $Path
}
