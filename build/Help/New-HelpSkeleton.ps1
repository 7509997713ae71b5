<#
.SYNOPSIS
    Writes a platyPS-layout skeleton docs/<Cmdlet>.md for a cmdlet of the built module.
.DESCRIPTION
    The SYNTAX and the parameter yaml blocks come from the cmdlet's metadata, so they are accurate;
    the prose ({{ ... }}) is for you to write. Refuses to overwrite an existing file unless -Force.
    Runs on pwsh and on the bare engine (../shared/tools/psrun), so it uses only core cmdlets and .NET.
.EXAMPLE
    ../shared/tools/psrun/psrun build/Help/New-HelpSkeleton.ps1 New-VoiceTrainingJob
#>
param(
    [Parameter(Mandatory = $true, Position = 0)] [string[]] $Name,
    [string] $OutputFolder,
    [switch] $Force
)
$ErrorActionPreference = 'Stop'
$root = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..'))
if (-not $OutputFolder) { $OutputFolder = [IO.Path]::Combine($root, 'docs') }
Import-Module ([IO.Path]::Combine($root, 'out', 'MetaStudio.Voice', 'MetaStudio.Voice.psd1')) -Force
$common = [System.Management.Automation.PSCmdlet]::CommonParameters
$nl = "`n"

function TypeName([type] $t) {
    if ($t.IsGenericType -and $t.GetGenericTypeDefinition() -eq [Nullable`1]) { $t = $t.GetGenericArguments()[0] }
    $t.Name
}

function Block($cmd, $p, $sets) {
    $first = $sets[0].Meta
    $setNames = if ($cmd.ParameterSets.Count -le 1 -or $sets.Count -eq $cmd.ParameterSets.Count) { '(All)' } else { ($sets | ForEach-Object { $_.Set }) -join ', ' }
    $pipe = @()
    if ($first.ValueFromPipelineByPropertyName) { $pipe += 'ByPropertyName' }
    if ($first.ValueFromPipeline) { $pipe += 'ByValue' }
    $pipeText = if ($pipe.Count) { "True ($($pipe -join ', '))" } else { 'False' }
    $position = if ($first.Position -lt 0) { 'Named' } else { "$($first.Position)" }
    $aliases = ($p.Aliases | Where-Object { $_ }) -join ', '
    if ($p.Name -eq 'WhatIf') { $aliases = 'wi' }
    if ($p.Name -eq 'Confirm') { $aliases = 'cf' }
    $accepted = ''
    foreach ($a in $p.Attributes) {
        if ($a -is [System.Management.Automation.ValidateSetAttribute]) { $accepted = 'Accepted values: ' + ($a.ValidValues -join ', ') + $nl }
        elseif ($a.GetType().Name -eq 'ValidateSetOrEmptyAttribute') { $accepted = 'Accepted values: ' + ($a.ValidValues -join ', ') + $nl }
    }
    if ($p.ParameterType.IsEnum) { $accepted = 'Accepted values: ' + ([Enum]::GetNames($p.ParameterType) -join ', ') + $nl }
    '```yaml' + $nl + "Type: $(TypeName $p.ParameterType)" + $nl + "Parameter Sets: $setNames" + $nl + "Aliases: $aliases" + $nl + $accepted + $nl +
    "Required: $($first.IsMandatory)" + $nl + "Position: $position" + $nl + 'Default value: None' + $nl +
    "Accept pipeline input: $pipeText" + $nl + 'Accept wildcard characters: False' + $nl + '```' + $nl
}

foreach ($n in $Name) {
    $cmd = Get-Command $n -Module MetaStudio.Voice
    $file = [IO.Path]::Combine($OutputFolder, "$n.md")
    if ([IO.File]::Exists($file) -and -not $Force) { throw "$file exists; pass -Force to overwrite it." }
    $sb = [Text.StringBuilder]::new()
    [void]$sb.Append("---${nl}external help file: MetaStudio.Voice.dll-Help.xml${nl}Module Name: MetaStudio.Voice${nl}online version:${nl}schema: 2.0.0${nl}---${nl}${nl}# $n${nl}${nl}## SYNOPSIS${nl}{{ One sentence. }}${nl}${nl}## SYNTAX${nl}")
    foreach ($set in $cmd.ParameterSets) {
        $title = if ($cmd.ParameterSets.Count -gt 1 -or $set.Name -ne '__AllParameterSets') { "${nl}### $($set.Name)" + $(if ($set.IsDefault) { ' (Default)' } else { '' }) + $nl } else { $nl }
        [void]$sb.Append($title + '```' + $nl + "$n $set" + $nl + '```' + $nl)
    }
    [void]$sb.Append("${nl}## DESCRIPTION${nl}{{ What it does, when to use it. }}${nl}${nl}## EXAMPLES${nl}${nl}### Example 1: {{ title }}${nl}" + '```powershell' + "${nl}{{ code }}${nl}" + '```' + "${nl}${nl}{{ explanation }}${nl}${nl}## PARAMETERS${nl}")
    $names = @($cmd.Parameters.Keys | Where-Object { $common -notcontains $_ })
    [Array]::Sort($names)
    foreach ($pn in $names) {
        $p = $cmd.Parameters[$pn]
        [void]$sb.Append("${nl}### -$pn${nl}{{ description }}${nl}${nl}")
        $entries = foreach ($set in $cmd.ParameterSets) {
            $meta = $set.Parameters | Where-Object { $_.Name -eq $pn }
            if ($meta) { [pscustomobject]@{ Set = $set.Name; Meta = $meta; Key = "$($meta.IsMandatory)|$($meta.Position)|$($meta.ValueFromPipeline)|$($meta.ValueFromPipelineByPropertyName)" } }
        }
        $keys = [Collections.Generic.List[string]]::new()
        foreach ($e in $entries) { if (-not $keys.Contains($e.Key)) { $keys.Add($e.Key) } }
        foreach ($k in $keys) { [void]$sb.Append((Block $cmd $p @($entries | Where-Object { $_.Key -eq $k })) + $nl) }
    }
    [void]$sb.Append("### CommonParameters${nl}This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).${nl}${nl}")
    [void]$sb.Append("## INPUTS${nl}${nl}### {{ type }}${nl}${nl}## OUTPUTS${nl}${nl}")
    foreach ($t in $cmd.OutputType) { [void]$sb.Append("### $($t.Name)${nl}${nl}") }
    [void]$sb.Append("## NOTES${nl}${nl}## RELATED LINKS${nl}")
    [IO.File]::WriteAllText($file, $sb.ToString())
    "Wrote $file"
}
