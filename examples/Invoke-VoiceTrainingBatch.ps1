<#
.SYNOPSIS
    Trains a batch of custom voices listed in a CSV file.

.DESCRIPTION
    Reads one voice per CSV row, creates a MetaStudio voice training job for each, uploads its training
    data and submits it for review and training:

        Import-Csv voices.csv | New-VoiceTrainingJob | Send-VoiceTrainingData | Submit-VoiceTrainingJob

    The columns are New-VoiceTrainingJob's parameters: VoiceName (required), Path (the training data:
    one recording of at least 3 minutes, a folder of .wav/.txt files or a .zip), and optionally Edition, Sex, Tag,
    Language, Description, BatchName, Phone, AppUserId, ... A blank cell means "not given". A relative
    Path is taken relative to the CSV file's folder. See voices.sample.csv.

    Rows that fail (bad data, a refused request) are reported as errors and the rest of the batch goes on.
    With -Wait, the script then follows every submitted job until it succeeds or fails and reports the
    voice asset id of each success and the reason of each failure. With -ResultPath, the results are
    also written to a CSV file (VoiceName, JobId, State, AssetId, FailureCode, FailureReason, ...).

    Connect first (Connect-MetaStudio), or pass -Session.

.PARAMETER CsvPath
    The CSV file of voices to train.

.PARAMETER ResultPath
    Where to write the results as CSV (one row per submitted job). Not written with -WhatIf.

.PARAMETER Wait
    Wait for every submitted job to finish (succeed or fail) before reporting.

.PARAMETER PollInterval
    With -Wait: seconds between status checks of a job (Wait-VoiceTrainingJob backs off on its own). Default 60.

.PARAMETER TimeoutMinutes
    With -Wait: give up waiting after this many minutes; unfinished jobs are reported in their current state.
    Default 24 hours.

.PARAMETER Session
    The MetaStudio session to use (Connect-MetaStudio -PassThru); default $MetaStudioSession.

.EXAMPLE
    Connect-MetaStudio -Region cn-north-4 -ProjectId $projectId -Token $token
    ./Invoke-VoiceTrainingBatch.ps1 -CsvPath ./voices.csv -Wait -ResultPath ./voices.results.csv

    Trains every voice in voices.csv, waits for the training to finish and writes the asset ids.

.EXAMPLE
    ./Invoke-VoiceTrainingBatch.ps1 -CsvPath ./voices.csv -WhatIf

    Shows which jobs would be created, without creating or uploading anything.

.OUTPUTS
    One result object per submitted job: VoiceName, JobId, State, AssetId, FailureCode, FailureReason, Path, CreatedAt.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)]
    [string] $CsvPath,

    [string] $ResultPath,

    [switch] $Wait,

    [ValidateRange(0.01, 3600)]
    [double] $PollInterval = 60,

    [ValidateRange(0.01, 10080)]
    [double] $TimeoutMinutes = 1440,

    [object] $Session
)

$ErrorActionPreference = 'Stop'
$csvFile = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($CsvPath)
if (-not [IO.File]::Exists($csvFile)) { throw "The CSV file $csvFile does not exist." }
$csvFolder = [IO.Path]::GetDirectoryName($csvFile)
$sessionParameter = @{}
if ($Session) { $sessionParameter['Session'] = $Session }

$rows = @(Import-Csv -Path $csvFile)
Write-Verbose "Read $($rows.Count) voice(s) from $csvFile."
if ($rows.Count -eq 0) { Write-Warning "$csvFile lists no voices."; return }

# One row's failure must not stop the batch: errors are collected (and shown), the batch goes on.
$ErrorActionPreference = 'Continue'
$batchErrors = [System.Collections.ArrayList]::new()
$ready = foreach ($row in $rows) {
    if (-not $row.PSObject.Properties['Path'] -or -not $row.Path) { $row; continue }
    # Data paths are relative to the CSV, not to wherever the script runs from.
    if (-not [IO.Path]::IsPathRooted($row.Path)) { $row.Path = [IO.Path]::GetFullPath([IO.Path]::Combine($csvFolder, $row.Path)) }
    # Missing data is caught before a job is created for it (Send-VoiceTrainingData checks the data itself).
    if ([IO.File]::Exists($row.Path) -or [IO.Directory]::Exists($row.Path)) { $row; continue }
    Write-Error -Message "Skipped '$($row.VoiceName)': its training data $($row.Path) does not exist." `
        -Category ObjectNotFound -ErrorId TrainingDataNotFound -TargetObject $row -ErrorVariable +batchErrors
}
$jobs = @($ready |
    New-VoiceTrainingJob @sessionParameter -ErrorVariable +batchErrors |
    Send-VoiceTrainingData -ErrorVariable +batchErrors |
    Submit-VoiceTrainingJob -ErrorVariable +batchErrors)
$ErrorActionPreference = 'Stop'

if ($WhatIfPreference) { return }
Write-Verbose "Submitted $($jobs.Count) of $($rows.Count) job(s)."
if ($batchErrors.Count -gt 0) { Write-Warning "$($batchErrors.Count) voice(s) could not be submitted; see the errors above." }

$reasons = @{}
if ($Wait -and $jobs.Count -gt 0) {
    Write-Verbose "Waiting for $($jobs.Count) job(s) to finish."
    # Wait-VoiceTrainingJob updates the job objects in place; failures and time-outs come back as errors
    # whose target is the job.
    $waitErrors = @()
    $null = $jobs | Wait-VoiceTrainingJob -PollInterval $PollInterval -Timeout ($TimeoutMinutes * 60) -ErrorAction SilentlyContinue -ErrorVariable waitErrors
    foreach ($failure in $waitErrors) {
        if ($failure.TargetObject -and $failure.TargetObject.PSObject.Properties['JobId']) { $reasons[$failure.TargetObject.JobId] = $failure.Exception.Message }
    }
}

$results = foreach ($job in $jobs) {
    $reason = $job.FailureReason
    if (-not $reason -and $reasons.ContainsKey($job.JobId)) { $reason = $reasons[$job.JobId] }
    [pscustomobject]@{
        VoiceName     = $job.VoiceName
        JobId         = $job.JobId
        State         = $job.State
        AssetId       = $job.AssetId
        FailureCode   = $job.FailureCode
        FailureReason = $reason
        Path          = $job.Path
        CreatedAt     = $job.CreatedAt
    }
}
$results = @($results)

if ($ResultPath) {
    $resultFile = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ResultPath)
    $results | Export-Csv -Path $resultFile -NoTypeInformation -Encoding UTF8
    Write-Verbose "Results written to $resultFile."
}
if ($Wait) {
    $succeeded = @($results | Where-Object { $_.State -eq 'SUCCEED' }).Count
    Write-Verbose "$succeeded of $($results.Count) voice(s) trained."
}
$results
