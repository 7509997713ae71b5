<#
.SYNOPSIS
    Deletes voice training jobs that failed more than N days ago.

.DESCRIPTION
    Failed jobs stay in the job list (and count against list views) until deleted. This finds the jobs
    in a failed state (FAILED by default; add AUDIT_FAILED, SPLIT_FAILED, ... with -State) whose last
    change is older than -OlderThanDays days, and deletes them with Remove-VoiceTrainingJob.

    Supports -WhatIf (list what would be deleted, delete nothing) and -Confirm (ask for each job).
    Returns one row per deleted job (JobId, VoiceName, State, FailureReason, FailedAt).

    Connect first (Connect-MetaStudio), or pass -Session.

.PARAMETER OlderThanDays
    Only jobs whose last state change (the failure) is more than this many days ago. Default 30.

.PARAMETER State
    The failed states to clean up. Default FAILED.

.PARAMETER Session
    The MetaStudio session to use (Connect-MetaStudio -PassThru); default $MetaStudioSession.

.EXAMPLE
    ./Remove-FailedVoiceTraining.ps1 -OlderThanDays 14 -WhatIf

    Lists the failed jobs older than two weeks that would be deleted.

.EXAMPLE
    ./Remove-FailedVoiceTraining.ps1 -OlderThanDays 14 -State FAILED, AUDIT_FAILED, SPLIT_FAILED -Verbose

    Deletes them, including jobs that failed review or splitting.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
param(
    [ValidateRange(0, 3650)]
    [int] $OlderThanDays = 30,

    [ValidateSet('FAILED', 'AUDIT_FAILED', 'SPLIT_FAILED', 'USER_REVIEW_REJECT')]
    [string[]] $State = @('FAILED'),

    [object] $Session
)

$ErrorActionPreference = 'Stop'
$cutoff = [DateTime]::UtcNow.AddDays(-$OlderThanDays)
$query = @{ State = $State; UpdatedBefore = $cutoff }
if ($Session) { $query['Session'] = $Session }

# The service filters by update time; check again here, so a job that changed meanwhile is never deleted.
$candidates = @(Get-VoiceTrainingJob @query | Where-Object {
        $failedAt = if ($_.UpdatedAt) { $_.UpdatedAt } else { $_.CreatedAt }
        $_.State -in $State -and $failedAt -and $failedAt -lt $cutoff
    })
Write-Verbose "$($candidates.Count) job(s) in state $($State -join '/') last changed before $($cutoff.ToString('u'))."

$ErrorActionPreference = 'Continue'
foreach ($job in $candidates) {
    $failedAt = if ($job.UpdatedAt) { $job.UpdatedAt } else { $job.CreatedAt }
    $target = "voice training job $($job.JobId) ('$($job.VoiceName)'), $($job.State) since $($failedAt.ToString('u'))"
    if (-not $PSCmdlet.ShouldProcess($target, 'Delete')) { continue }
    # -Force: this script already asked (or was told not to ask); the cmdlet must not ask again.
    Remove-VoiceTrainingJob -InputObject $job -Force -ErrorVariable removeError
    if ($removeError) { continue }
    [pscustomobject]@{
        JobId         = $job.JobId
        VoiceName     = $job.VoiceName
        State         = $job.State
        FailureReason = $job.FailureReason
        FailedAt      = $failedAt
    }
}
