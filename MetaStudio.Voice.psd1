@{
    RootModule           = 'MetaStudio.Voice.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6c1f3d52-8a4e-4f0b-9d7e-2b5a1e9c4f10'
    Author               = 'MetaStudio.Voice contributors'
    CompanyName          = 'MetaStudio.Voice contributors'
    Copyright            = '(c) MetaStudio.Voice contributors. MIT License.'
    Description          = 'Train custom voices with Huawei Cloud MetaStudio from PowerShell: create voice training jobs, check and upload their data, submit them and collect the voice asset ids. Ships a local emulator of the service for offline scripts and tests.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('MetaStudio.Voice.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-MetaStudio',
        'Disconnect-MetaStudio',
        'Get-MetaStudioSession',
        'New-VoiceTrainingJob',
        'Send-VoiceTrainingData',
        'Submit-VoiceTrainingJob',
        'Get-VoiceTrainingJob',
        'Wait-VoiceTrainingJob',
        'Remove-VoiceTrainingJob',
        'Get-VoiceTrainingAuditResult',
        'Get-VoiceTrainingJobLog',
        'Get-VoiceTrainingQuota',
        'Get-VoiceTrainingDurationLimit',
        'Set-VoiceTrainingJobBatch',
        'Test-VoiceTrainingData',
        'New-VoiceTrainingPackage'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MetaStudio', 'HuaweiCloud', 'Voice', 'TTS', 'VoiceCloning', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/metastudio-voice/MetaStudio.Voice/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/metastudio-voice/MetaStudio.Voice'
            ReleaseNotes = 'First release: Connect-MetaStudio (token), New-VoiceTrainingJob, Send-VoiceTrainingData (package upload), Submit-VoiceTrainingJob, Get-VoiceTrainingJob, and a local emulator.'
        }
    }
}
