using System.IO.Compression;
using System.Text;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>
/// The admin scripts in examples/ run, unchanged, against an in-process emulator on the bare engine.
/// The engine here has only the core cmdlets, so the few Utility cmdlets the scripts use (Import-Csv,
/// Export-Csv, Write-Verbose, Write-Warning, Write-Error, Write-Host) get tiny stand-ins in the test runspace only.
/// </summary>
public sealed class ExampleTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    private static string Example(string name) => Path.Combine(Repo.Root, "examples", name);

    /// <summary>Minimal stand-ins for what pwsh's Microsoft.PowerShell.Utility would provide.</summary>
    private const string UtilityStandIns = """
        function Import-Csv {
            param([Parameter(Position = 0)][string] $Path, [string] $LiteralPath)
            if ($LiteralPath) { $Path = $LiteralPath }
            $split = {
                param([string] $line)
                $fields = [System.Collections.Generic.List[string]]::new()
                $cell = [System.Text.StringBuilder]::new()
                $quoted = $false
                for ($i = 0; $i -lt $line.Length; $i++) {
                    $ch = $line[$i]
                    if ($quoted) {
                        if ($ch -eq '"') {
                            if ($i + 1 -lt $line.Length -and $line[$i + 1] -eq '"') { [void]$cell.Append('"'); $i++ } else { $quoted = $false }
                        }
                        else { [void]$cell.Append($ch) }
                    }
                    elseif ($ch -eq '"') { $quoted = $true }
                    elseif ($ch -eq ',') { $fields.Add($cell.ToString()); [void]$cell.Clear() }
                    else { [void]$cell.Append($ch) }
                }
                $fields.Add($cell.ToString())
                , $fields
            }
            $lines = @([IO.File]::ReadAllLines($Path) | Where-Object { $_.Trim().Length -gt 0 })
            if ($lines.Count -eq 0) { return }
            $header = & $split $lines[0]
            for ($r = 1; $r -lt $lines.Count; $r++) {
                $cells = & $split $lines[$r]
                $row = [ordered]@{}
                for ($c = 0; $c -lt $header.Count; $c++) { $row[$header[$c]] = if ($c -lt $cells.Count) { $cells[$c] } else { $null } }
                [pscustomobject]$row
            }
        }

        function Export-Csv {
            param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)][string] $Path,
                [switch] $NoTypeInformation, [string] $Encoding)
            begin { $rows = [System.Collections.Generic.List[object]]::new() }
            process { if ($null -ne $InputObject) { $rows.Add($InputObject) } }
            end {
                $quote = { param($value) '"' + ([string]$value).Replace('"', '""') + '"' }
                $out = [System.Collections.Generic.List[string]]::new()
                if ($rows.Count -gt 0) {
                    $names = @($rows[0].PSObject.Properties | ForEach-Object { $_.Name })
                    $out.Add((@($names | ForEach-Object { & $quote $_ }) -join ','))
                    foreach ($row in $rows) { $out.Add((@($names | ForEach-Object { & $quote $row.$_ }) -join ',')) }
                }
                [IO.File]::WriteAllLines($Path, $out)
            }
        }

        function Write-Verbose { [CmdletBinding()] param([Parameter(Position = 0)][string] $Message) $PSCmdlet.WriteVerbose($Message) }
        function Write-Warning { [CmdletBinding()] param([Parameter(Position = 0)][string] $Message) $PSCmdlet.WriteWarning($Message) }
        function Write-Error {
            [CmdletBinding()]
            param([Parameter(Position = 0)][string] $Message, [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
                [string] $ErrorId = 'Microsoft.PowerShell.Commands.WriteErrorException', $TargetObject)
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new($Message), $ErrorId, $Category, $TargetObject))
        }
        function Write-Host { param([Parameter(Position = 0)] $Object) $Host.UI.WriteLine([string]$Object) }
        """;

    private static PsHarness Connect(MetaStudioEmulator emulator)
    {
        var ps = new PsHarness();
        ps.Run(UtilityStandIns).ThrowOnError();
        ps.Set("token", Secrets.Secure(EmulatorOptions.DefaultToken));
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("project", EmulatorOptions.DefaultProjectId);
        ps.Run("Connect-MetaStudio -Endpoint $endpoint -ProjectId $project -Token $token").ThrowOnError();
        return ps;
    }

    /// <summary>Reads a CSV as Export-Csv writes it (every cell quoted).</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        static List<string> Split(string line)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var ch = line[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else cell.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else cell.Append(ch);
            }
            cells.Add(cell.ToString());
            return cells;
        }
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = Split(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Premium data in the form <paramref name="relative"/> names: a .wav, a .zip holding one, or a folder holding one.</summary>
    private void CreateData(string root, string relative, string wav)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".wav": File.Copy(wav, path); break;
            case ".zip":
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create)) zip.CreateEntryFromFile(wav, "recording.wav");
                break;
            default:
                Directory.CreateDirectory(path);
                File.Copy(wav, Path.Combine(path, "recording.wav"));
                break;
        }
    }

    [Fact]
    public async Task Invoke_VoiceTrainingBatch_trains_the_sample_csv_and_writes_the_asset_ids()
    {
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { StepDelay = TimeSpan.FromMilliseconds(30) });
        using var ps = Connect(emulator);
        var wav = _data.Wav("source/recording.wav", 185);
        var batch = _data.Folder("batch");
        var csv = Path.Combine(batch, "voices.csv");
        File.Copy(Example("voices.sample.csv"), csv);
        ps.Set("csv", csv);
        var sample = ps.Run("Import-Csv -Path $csv").ThrowOnError().Output.Select(o => (VoiceName: (string)o.Properties["VoiceName"].Value, Path: (string)o.Properties["Path"].Value)).ToList();
        Assert.True(sample.Count >= 2, "voices.sample.csv should list a few voices");
        foreach (var row in sample) CreateData(batch, row.Path, wav);
        // Two more rows: one the emulator fails in training, one whose data is missing (an error; the batch goes on).
        File.AppendAllText(csv, "Batch train-fail voice,Premium,MALE,,,,spring-2026,recordings/train-fail.wav\n" +
                                "Batch missing data,Premium,,,,,spring-2026,recordings/missing.wav\n");
        CreateData(batch, "recordings/train-fail.wav", wav);
        var results = Path.Combine(batch, "voices.results.csv");
        ps.Set("script", Example("Invoke-VoiceTrainingBatch.ps1"));
        ps.Set("results", results);

        var r = ps.Run("& $script -CsvPath $csv -Wait -PollInterval 0.05 -TimeoutMinutes 1 -ResultPath $results -Verbose");

        Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("TrainingDataNotFound"));
        Assert.True(r.Errors.All(e => e.FullyQualifiedErrorId.StartsWith("TrainingDataNotFound")), string.Join("\n", r.Errors));
        Assert.Contains(r.Warnings, w => w.Contains("could not be submitted"));
        Assert.Equal(sample.Count + 1, r.Output.Count);

        // Every sample voice became a job at the emulator, with the CSV's columns, and trained.
        foreach (var row in sample)
        {
            var job = Assert.Single(emulator.Jobs, j => j.VoiceName == row.VoiceName);
            Assert.Equal(JobStates.Succeed, job.State);
            Assert.Equal("spring-2026", job.BatchName);
            Assert.False(string.IsNullOrEmpty(job.AssetId));
        }
        Assert.Equal("MALE", emulator.Jobs.Single(j => j.VoiceName == "News anchor").Sex);
        Assert.Equal("NEWS", emulator.Jobs.Single(j => j.VoiceName == "News anchor").Tag);
        // A blank cell is "not given": the create request leaves the field out.
        Assert.DoesNotContain("\"sex\"", emulator.Requests.Single(q => q.Method == "POST" && q.Body != null && q.Body.Contains("Storyteller")).Body);
        Assert.Equal(JobStates.Failed, emulator.Jobs.Single(j => j.VoiceName == "Batch train-fail voice").State);

        // The results file: one row per submitted job, asset ids as the emulator has them.
        var rows = ReadCsv(results);
        Assert.Equal(sample.Count + 1, rows.Count);
        foreach (var row in rows)
        {
            var job = emulator.GetJob(row["JobId"])!;
            Assert.Equal(job.VoiceName, row["VoiceName"]);
            Assert.Equal(job.State, row["State"]);
            Assert.Equal(job.AssetId ?? "", row["AssetId"]);
        }
        var failed = rows.Single(x => x["VoiceName"] == "Batch train-fail voice");
        Assert.Equal("", failed["AssetId"]);
        Assert.Equal(emulator.Jobs.Single(j => j.VoiceName == "Batch train-fail voice").JobFailedCode, failed["FailureCode"]);
        Assert.False(string.IsNullOrEmpty(failed["FailureReason"]));
        Assert.DoesNotContain(rows, x => x["VoiceName"] == "Batch missing data");
        Assert.DoesNotContain(emulator.Jobs, j => j.VoiceName == "Batch missing data"); // checked before a job was created
    }

    [Fact]
    public async Task Invoke_VoiceTrainingBatch_WhatIf_creates_nothing()
    {
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { StepDelay = TimeSpan.FromMilliseconds(30) });
        using var ps = Connect(emulator);
        var batch = _data.Folder("whatif");
        var csv = Path.Combine(batch, "voices.csv");
        File.Copy(Example("voices.sample.csv"), csv);
        ps.Set("csv", csv);
        var wav = _data.Wav("whatif-source/recording.wav", 185);
        foreach (var path in ps.Run("Import-Csv -Path $csv | ForEach-Object { $_.Path }").ThrowOnError().Output) CreateData(batch, path.ToString(), wav);
        ps.Set("script", Example("Invoke-VoiceTrainingBatch.ps1"));
        ps.Set("results", Path.Combine(batch, "results.csv"));

        var r = ps.Run("& $script -CsvPath $csv -ResultPath $results -WhatIf").ThrowOnError();

        Assert.Empty(r.Output);
        Assert.Empty(emulator.Jobs);
        Assert.False(File.Exists(Path.Combine(batch, "results.csv")));
        Assert.Contains("What if", ps.Host.Text);
    }

    [Fact]
    public async Task Watch_VoiceTraining_waits_for_the_jobs_in_progress_and_reports_assets_and_failures()
    {
        // Jobs must still be in progress when the script lists them: each state lasts a second here.
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { StepDelay = TimeSpan.FromSeconds(1) });
        using var ps = Connect(emulator);
        ps.Set("wav", _data.Wav("watch/recording.wav", 185));
        ps.Set("script", Example("Watch-VoiceTraining.ps1"));
        var report = Path.Combine(_data.Root, "nightly.csv");
        ps.Set("report", report);

        var r = ps.Run("""
            $null = New-VoiceTrainingJob -VoiceName 'Nightly never submitted' -Path $wav
            $null = 'Nightly A', 'Nightly B', 'Nightly train-fail' | ForEach-Object { New-VoiceTrainingJob -VoiceName $_ -Path $wav } |
                Send-VoiceTrainingData | Submit-VoiceTrainingJob
            & $script -PollInterval 0.05 -TimeoutMinutes 1 -ReportPath $report
            """).ThrowOnError();

        var rows = r.Output.Select(o => o.Properties.ToDictionary(p => p.Name, p => p.Value?.ToString() ?? "")).ToList();
        Assert.Equal(new[] { "Nightly A", "Nightly B", "Nightly train-fail" }, rows.Select(x => x["VoiceName"]).OrderBy(n => n));
        foreach (var name in new[] { "Nightly A", "Nightly B" })
        {
            var row = rows.Single(x => x["VoiceName"] == name);
            var job = emulator.GetJob(row["JobId"])!;
            Assert.Equal("Succeeded", row["Outcome"]);
            Assert.Equal(JobStates.Succeed, job.State);
            Assert.Equal(job.AssetId, row["AssetId"]);
            Assert.Contains(job.AssetId!, ps.Host.Text);
        }
        var failure = rows.Single(x => x["VoiceName"] == "Nightly train-fail");
        var failedJob = emulator.GetJob(failure["JobId"])!;
        Assert.Equal("Failed", failure["Outcome"]);
        Assert.Equal("", failure["AssetId"]);
        Assert.Equal(failedJob.JobFailedReason, failure["Reason"]);
        Assert.Contains("2 succeeded, 1 failed, 0 still running", ps.Host.Text);

        var written = ReadCsv(report);
        Assert.Equal(rows.Select(x => (x["JobId"], x["Outcome"], x["AssetId"])), written.Select(x => (x["JobId"], x["Outcome"], x["AssetId"])));
    }

    /// <summary>A clock the test can move: jobs "failed ten days ago" without waiting ten days.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }

    [Fact]
    public async Task Remove_FailedVoiceTraining_deletes_old_failed_jobs_and_WhatIf_deletes_none()
    {
        var clock = new ShiftedClock { Offset = TimeSpan.FromDays(-10) };
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { StepDelay = TimeSpan.FromMilliseconds(30), TimeProvider = clock });
        using var ps = Connect(emulator);
        string Create(string name, string state)
        {
            ps.Set("name", name);
            var id = ps.Run("(New-VoiceTrainingJob -VoiceName $name).JobId").ThrowOnError().Output.Single().ToString();
            Assert.True(emulator.SetJobState(id, state, state == JobStates.Failed ? "MSS.40000101" : null, state == JobStates.Failed ? "Training failed." : null));
            return id;
        }
        var oldFailed = new[] { Create("old failed 1", JobStates.Failed), Create("old failed 2", JobStates.Failed) };
        var oldSucceeded = Create("old succeeded", JobStates.Succeed);
        var oldAuditFailed = Create("old audit failed", JobStates.AuditFailed);
        clock.Offset = TimeSpan.Zero;
        var newFailed = Create("new failed", JobStates.Failed);
        ps.Set("script", Example("Remove-FailedVoiceTraining.ps1"));

        var whatIf = ps.Run("& $script -OlderThanDays 7 -WhatIf").ThrowOnError();
        Assert.Empty(whatIf.Output);
        Assert.Equal(5, emulator.Jobs.Count);
        Assert.DoesNotContain(emulator.Requests, q => q.Method == "DELETE");
        foreach (var id in oldFailed) Assert.Contains(id, ps.Host.Text);
        Assert.DoesNotContain(newFailed, ps.Host.Text);

        var r = ps.Run("& $script -OlderThanDays 7 -Verbose").ThrowOnError();
        Assert.Equal(oldFailed.OrderBy(i => i), r.Output.Select(o => o.Properties["JobId"].Value.ToString()).OrderBy(i => i));
        Assert.All(r.Output, o => Assert.Equal("Training failed.", o.Properties["FailureReason"].Value));
        foreach (var id in oldFailed) Assert.Null(emulator.GetJob(id));
        Assert.NotNull(emulator.GetJob(oldSucceeded));
        Assert.NotNull(emulator.GetJob(oldAuditFailed));
        Assert.NotNull(emulator.GetJob(newFailed));

        // -State widens the cleanup to jobs that failed review.
        r = ps.Run("& $script -OlderThanDays 7 -State FAILED, AUDIT_FAILED").ThrowOnError();
        Assert.Equal(oldAuditFailed, Assert.Single(r.Output).Properties["JobId"].Value);
        Assert.Null(emulator.GetJob(oldAuditFailed));
        Assert.NotNull(emulator.GetJob(newFailed));
    }
}
