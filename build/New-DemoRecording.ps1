<#
.SYNOPSIS
    Writes a real, playable training recording: 16 kHz, 16-bit mono PCM WAV.
.DESCRIPTION
    One second of a chord is synthesised and repeated, which keeps this fast even on the bare engine
    (a per-sample loop over minutes of audio is not). Dot-sourced by build.ps1 (the demo) and by the
    Pester helpers; uses only .NET calls so it runs on pwsh, Windows PowerShell 5.1 and psrun.
#>
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
