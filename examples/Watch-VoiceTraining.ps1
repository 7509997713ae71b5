<#
.SYNOPSIS
    Nightly "wait and report" for voice training: follows every job still in progress to its end and
    reports the new voice assets and the failures.

.DESCRIPTION
    Lists the jobs that are still in review or training (Get-VoiceTrainingJob -State ...), waits for them
    with Wait-VoiceTrainingJob, and returns one report row per job:

        Outcome   Succeeded, Failed or Running (still unfinished when -TimeoutMinutes ran out)
        AssetId   the voice asset id of a success
        Reason    why a job failed (the service's reason, or the review's findings)

    Prints a one-line summary, and with -ReportPath also writes the rows to a CSV file, so the script
    can run as a scheduled task and mail or archive the file. Exits with code 1 when a job failed
    (-FailOnError), so a scheduler can flag the run.

    Connect first (Connect-MetaStudio), or pass -Session.

.PARAMETER CreatedWithinDays
    Only jobs created in the last N days. Default 30.

.PARAMETER BatchName
    Only jobs of this batch (New-VoiceTrainingJob -BatchName).

.PARAMETER PollInterval
    Seconds between status checks of a job. Default 60.

.PARAMETER TimeoutMinutes
    Stop waiting after this many minutes and report the unfinished jobs as Running. Default 8 hours.

.PARAMETER ReportPath
    Also write the report to this CSV file.

.PARAMETER FailOnError
    Exit with code 1 when a job failed.

.PARAMETER Session
    The MetaStudio session to use (Connect-MetaStudio -PassThru); default $MetaStudioSession.

.EXAMPLE
    Connect-MetaStudio -Region cn-north-4 -ProjectId $projectId -Token $token
    ./Watch-VoiceTraining.ps1 -ReportPath "./reports/voices-$((Get-Date).ToString('yyyy-MM-dd')).csv"

.EXAMPLE
    ./Watch-VoiceTraining.ps1 -BatchName spring-2026 -TimeoutMinutes 60 | Format-Table Outcome, VoiceName, AssetId, Reason
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 3650)]
    [int] $CreatedWithinDays = 30,

    [string] $BatchName,

    [ValidateRange(0.01, 3600)]
    [double] $PollInterval = 60,

    [ValidateRange(0.01, 10080)]
    [double] $TimeoutMinutes = 480,

    [string] $ReportPath,

    [switch] $FailOnError,

    [object] $Session
)

$ErrorActionPreference = 'Stop'
# Every state between "submitted" and "finished" (CREATING jobs were never submitted; they are not waited for).
$inProgress = 'SYSTEM_AUDITING', 'AUDITING', 'WAITING_SPLIT', 'SPLITTING', 'ANNOTATING', 'WAITING',
    'PROCESSING', 'RESULT_REVIEW', 'USER_RESULT_REVIEW', 'UPLOADING'

$query = @{ State = $inProgress; CreatedAfter = [DateTime]::UtcNow.AddDays(-$CreatedWithinDays) }
if ($BatchName) { $query['BatchName'] = $BatchName }
if ($Session) { $query['Session'] = $Session }
$jobs = @(Get-VoiceTrainingJob @query)
Write-Verbose "$($jobs.Count) job(s) in progress."

$reasons = @{}
if ($jobs.Count -gt 0) {
    # Wait-VoiceTrainingJob updates the job objects in place; a failed or timed-out job comes back as an
    # error whose target is the job and whose message says why.
    $waitErrors = @()
    $null = $jobs | Wait-VoiceTrainingJob -PollInterval $PollInterval -Timeout ($TimeoutMinutes * 60) -ErrorAction SilentlyContinue -ErrorVariable waitErrors
    foreach ($failure in $waitErrors) {
        if ($failure.TargetObject -and $failure.TargetObject.PSObject.Properties['JobId']) { $reasons[$failure.TargetObject.JobId] = $failure.Exception.Message }
        else { Write-Warning "Waiting failed: $($failure.Exception.Message)" }
    }
}

$report = @(foreach ($job in $jobs) {
    $outcome = switch -Regex ($job.State) {
        '^SUCCEED$' { 'Succeeded' }
        'FAILED$|REJECT' { 'Failed' }
        default { 'Running' }
    }
    $reason = $null
    if ($outcome -eq 'Failed') {
        $reason = if ($job.FailureReason) { $job.FailureReason } elseif ($reasons.ContainsKey($job.JobId)) { $reasons[$job.JobId] } else { $job.State }
    }
    elseif ($outcome -eq 'Running' -and $reasons.ContainsKey($job.JobId)) { $reason = $reasons[$job.JobId] }
    [pscustomobject]@{
        Outcome     = $outcome
        VoiceName   = $job.VoiceName
        JobId       = $job.JobId
        State       = $job.State
        AssetId     = $job.AssetId
        FailureCode = $job.FailureCode
        Reason      = $reason
        BatchName   = $job.BatchName
        UpdatedAt   = $job.UpdatedAt
    }
})

$succeeded = @($report | Where-Object { $_.Outcome -eq 'Succeeded' })
$failed = @($report | Where-Object { $_.Outcome -eq 'Failed' })
$running = @($report | Where-Object { $_.Outcome -eq 'Running' })
Write-Host "Voice training: $($succeeded.Count) succeeded, $($failed.Count) failed, $($running.Count) still running."
foreach ($row in $succeeded) { Write-Host "  OK      $($row.VoiceName) -> asset $($row.AssetId)" }
foreach ($row in $failed) { Write-Host "  FAILED  $($row.VoiceName) ($($row.JobId)): $($row.Reason)" }

if ($ReportPath) {
    $reportFile = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReportPath)
    $report | Export-Csv -Path $reportFile -NoTypeInformation -Encoding UTF8
    Write-Verbose "Report written to $reportFile."
}
$report
if ($FailOnError -and $failed.Count -gt 0) { exit 1 }
