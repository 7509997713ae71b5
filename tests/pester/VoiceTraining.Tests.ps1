#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Scenarios for pwsh users, against the emulator started as a separate process:
        Invoke-Pester ./tests/pester          (or ./build.ps1 -Task Test, which runs them when Pester is installed)
    Needs a build first (./build.ps1).
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $Emulator = Start-TestEmulator -StepDelay '00:00:00.200'
    $Data = Join-Path $Emulator.Work 'data'
    $Recording = New-TestRecording -Path (Join-Path $Data 'voice/recording.wav') -Seconds 185
    $ShortRecording = New-TestRecording -Path (Join-Path $Data 'short.wav') -Seconds 10
    Connect-MetaStudio -Endpoint $Emulator.Endpoint -ProjectId $Emulator.ProjectId -Token $Emulator.Token
}

AfterAll {
    Disconnect-MetaStudio -ErrorAction SilentlyContinue
    Stop-TestEmulator $Emulator
    Remove-Module MetaStudio.Voice -ErrorAction SilentlyContinue
}

Describe 'Connect-MetaStudio' {
    It 'creates a session that shows no secret' {
        $session = Get-MetaStudioSession
        $session | Should -Not -BeNullOrEmpty
        $session.ProjectId | Should -Be $Emulator.ProjectId
        ($session | Out-String) | Should -Not -Match 'emulator-token'
    }
}

Describe 'New | Send | Submit | Wait' {
    It 'trains a voice from one long recording to a voice asset' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester voice' -Sex FEMALE -Tag ECOMMERCE -Language CN -Path $Recording |
            Send-VoiceTrainingData |
            Submit-VoiceTrainingJob

        $job.State | Should -Be 'SYSTEM_AUDITING'
        $job.Edition | Should -Be 'Premium'
        $job.DataUploadedAt | Should -Not -BeNullOrEmpty

        $done = $job | Wait-VoiceTrainingJob -PollInterval 0.1 -Timeout 60
        $done.State | Should -Be 'SUCCEED'
        $done.AssetId | Should -Not -BeNullOrEmpty
        (Get-VoiceTrainingJob -JobId $job.JobId).AssetId | Should -Be $done.AssetId
    }

    It 'uploads a folder of recordings' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester folder voice' -Path (Split-Path -Parent $Recording) |
            Send-VoiceTrainingData | Submit-VoiceTrainingJob
        $job.State | Should -Be 'SYSTEM_AUDITING'
        $job.Path | Should -Be (Split-Path -Parent $Recording)
    }

    It 'binds CSV rows by property name, blank cells meaning "not given"' {
        $rows = @(
            [pscustomobject]@{ VoiceName = 'Pester csv A'; Sex = 'MALE'; Tag = ''; Path = $Recording }
            [pscustomobject]@{ VoiceName = 'Pester csv B'; Sex = ''; Tag = 'NEWS'; Path = $Recording }
        )
        $jobs = $rows | New-VoiceTrainingJob | Send-VoiceTrainingData | Submit-VoiceTrainingJob
        $jobs | Should -HaveCount 2
        $jobs.VoiceName | Should -Be @('Pester csv A', 'Pester csv B')
        $jobs[0].Sex | Should -Be 'MALE'
        $jobs[1].Tag | Should -Be 'NEWS'
    }

    It 'reports a failed training as a VoiceTrainingFailed error on the job' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester train-fail' -Path $Recording | Send-VoiceTrainingData | Submit-VoiceTrainingJob
        $result = $job | Wait-VoiceTrainingJob -PollInterval 0.1 -Timeout 60 -ErrorAction SilentlyContinue -ErrorVariable failures

        $result | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'VoiceTrainingFailed,*'
        $failures[0].TargetObject.JobId | Should -Be $job.JobId
        $failures[0].TargetObject.FailureReason | Should -Not -BeNullOrEmpty
    }
}

Describe 'Errors have stable ids' {
    It 'TrainingDataNotFound for data that does not exist' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester missing data'
        { $job | Send-VoiceTrainingData -Path (Join-Path $Data 'missing.wav') -ErrorAction Stop } |
            Should -Throw -ErrorId 'TrainingDataNotFound'
    }

    It 'TrainingDataInvalid for a recording that is too short, before anything is uploaded' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester short data'
        { $job | Send-VoiceTrainingData -Path $ShortRecording -ErrorAction Stop } | Should -Throw -ErrorId 'TrainingDataInvalid'
        (Get-VoiceTrainingJob -JobId $job.JobId).State | Should -Be 'CREATING'
    }

    It "the service's own code for an unknown job" {
        { Get-VoiceTrainingJob -JobId 'no-such-job' -ErrorAction Stop } | Should -Throw -ErrorId 'MSS.00000003'
    }

    It 'InvalidAppUserId for a non-ASCII app user id' {
        { New-VoiceTrainingJob -VoiceName 'Pester app user' -AppUserId 'ü' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidAppUserId'
    }

    It 'CreateTypeNotSupported for a Premium job by segments' {
        { New-VoiceTrainingJob -VoiceName 'Pester segments' -Edition Premium -CreateType Segment -ErrorAction Stop } |
            Should -Throw -ErrorId 'CreateTypeNotSupported'
    }

    It 'a parameter validation error for a value outside the API enum' {
        { New-VoiceTrainingJob -VoiceName 'Pester bad sex' -Sex OTHER } | Should -Throw -ErrorId 'ParameterArgumentValidationError'
    }

    It 'NoSession without a session' {
        $session = Get-MetaStudioSession
        try {
            Disconnect-MetaStudio
            { Get-VoiceTrainingJob -JobId 'any' -ErrorAction Stop } | Should -Throw -ErrorId 'NoSession'
        }
        finally {
            Connect-MetaStudio -Endpoint $Emulator.Endpoint -ProjectId $Emulator.ProjectId -Token $Emulator.Token
        }
    }
}

Describe '-WhatIf' {
    It 'creates, uploads and submits nothing' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester whatif real' -Path $Recording

        New-VoiceTrainingJob -VoiceName 'Pester whatif new' -WhatIf | Should -BeNullOrEmpty
        $job | Send-VoiceTrainingData -WhatIf | Should -BeNullOrEmpty
        $job | Submit-VoiceTrainingJob -WhatIf | Should -BeNullOrEmpty
        $job | Remove-VoiceTrainingJob -WhatIf

        Get-VoiceTrainingJob -VoiceName 'Pester whatif new' | Should -BeNullOrEmpty
        $fresh = Get-VoiceTrainingJob -JobId $job.JobId
        $fresh.State | Should -Be 'CREATING'
    }
}

Describe 'Test-VoiceTrainingData' {
    It 'passes one recording of more than 3 minutes' {
        $report = Test-VoiceTrainingData -Path $Recording
        $report.IsValid | Should -BeTrue
        $report.Edition | Should -Be 'Premium'
        $report.TotalDuration.TotalSeconds | Should -BeGreaterOrEqual 180
    }

    It 'finds a recording too short for Premium, offline too' {
        $report = Test-VoiceTrainingData -Path $ShortRecording -Offline
        $report.IsValid | Should -BeFalse
        $report.Problems.Code | Should -Contain 'TotalTooShort'
    }

    It 'takes files from the pipeline' {
        $reports = Get-ChildItem -LiteralPath (Split-Path -Parent $Recording) -Filter *.wav | Test-VoiceTrainingData
        $reports | Should -HaveCount 1
        $reports[0].IsValid | Should -BeTrue
    }

    It 'TrainingDataNotFound for a path that does not exist' {
        { Test-VoiceTrainingData -Path (Join-Path $Data 'nothing-here') -ErrorAction Stop } | Should -Throw -ErrorId 'TrainingDataNotFound'
    }
}

Describe 'The examples' {
    BeforeAll {
        $Examples = Join-Path $RepoRoot 'examples'
        $Batch = Join-Path $Emulator.Work 'batch'
        $null = New-Item -ItemType Directory -Path $Batch -Force
        Copy-Item (Join-Path $Examples 'voices.sample.csv') (Join-Path $Batch 'voices.csv')
        foreach ($row in Import-Csv (Join-Path $Batch 'voices.csv')) {
            $target = Join-Path $Batch $row.Path
            switch ([IO.Path]::GetExtension($target)) {
                '.wav' { $null = New-Item -ItemType Directory -Force (Split-Path -Parent $target); Copy-Item $Recording $target }
                '.zip' { $null = New-Item -ItemType Directory -Force (Split-Path -Parent $target); Compress-Archive -LiteralPath $Recording -DestinationPath $target }
                default { $null = New-Item -ItemType Directory -Force $target; Copy-Item $Recording $target }
            }
        }
    }

    It 'Invoke-VoiceTrainingBatch trains the sample CSV and writes the asset ids' {
        $resultFile = Join-Path $Batch 'results.csv'
        $results = & (Join-Path $Examples 'Invoke-VoiceTrainingBatch.ps1') -CsvPath (Join-Path $Batch 'voices.csv') -Wait -PollInterval 0.1 -TimeoutMinutes 1 -ResultPath $resultFile
        $results | Should -HaveCount (Import-Csv (Join-Path $Batch 'voices.csv')).Count
        $results.State | Sort-Object -Unique | Should -Be 'SUCCEED'
        foreach ($row in Import-Csv $resultFile) {
            $row.AssetId | Should -Be (Get-VoiceTrainingJob -JobId $row.JobId).AssetId
        }
    }

    It 'Remove-FailedVoiceTraining -WhatIf deletes nothing' {
        $job = New-VoiceTrainingJob -VoiceName 'Pester cleanup train-fail' -Path $Recording | Send-VoiceTrainingData | Submit-VoiceTrainingJob
        $null = $job | Wait-VoiceTrainingJob -PollInterval 0.1 -Timeout 60 -ErrorAction SilentlyContinue
        & (Join-Path $Examples 'Remove-FailedVoiceTraining.ps1') -OlderThanDays 0 -WhatIf | Should -BeNullOrEmpty
        (Get-VoiceTrainingJob -JobId $job.JobId).State | Should -Be 'FAILED'

        $removed = & (Join-Path $Examples 'Remove-FailedVoiceTraining.ps1') -OlderThanDays 0
        $removed.JobId | Should -Contain $job.JobId
        { Get-VoiceTrainingJob -JobId $job.JobId -ErrorAction Stop } | Should -Throw
    }
}
