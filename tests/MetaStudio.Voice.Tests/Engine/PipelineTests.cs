using System.IO.Compression;
using System.Text.Json.Nodes;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>The seed's workflow through the real cmdlets, against the emulator over real sockets.</summary>
public sealed class PipelineTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fx;
    private readonly TestData _data = new();

    public PipelineTests(EmulatorFixture fx) => _fx = fx;

    public void Dispose() => _data.Dispose();

    [Fact]
    public void New_Send_Submit_creates_uploads_and_submits_a_premium_job()
    {
        var folder = _data.Folder("premium");
        var wav = _data.Wav("premium/recording.wav", 185);
        using var ps = _fx.Connect();
        ps.Set("data", folder);

        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'Pipeline voice' -Path $data | Send-VoiceTrainingData | Submit-VoiceTrainingJob")
            .ThrowOnError().Single<VoiceTrainingJob>();

        Assert.Equal("SYSTEM_AUDITING", job.State);
        Assert.Equal("Premium", job.Edition);
        Assert.Equal("ADVANCE", job.JobType);
        Assert.Equal("PACKAGE", job.CreateType);
        Assert.Equal(folder, job.Path);
        Assert.NotNull(job.DataUploadedAt);
        Assert.Equal("SYSTEM_AUDITING", _fx.Emulator.GetJob(job.JobId)!.State);

        // The emulator stored a zip whose only entry is the recording, byte for byte, at the zip root.
        var stored = Assert.Single(_fx.Emulator.Objects, o => o.Key.Contains(job.JobId) && o.Key.EndsWith(".zip"));
        Assert.Equal("application/zip", stored.ContentType);
        using var zip = ZipFile.OpenRead(stored.FilePath!);
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("recording.wav", entry.FullName);
        using var s = entry.Open();
        Assert.Equal(TestData.Md5(wav), TestData.Md5(s));
    }

    [Fact]
    public void A_zip_is_uploaded_byte_for_byte()
    {
        var folder = _data.Folder("zipsrc");
        File.Copy(_fx.LongWav, Path.Combine(folder, "a.wav"));
        var zip = Path.Combine(_data.Root, "data.zip");
        ZipFile.CreateFromDirectory(folder, zip);
        using var ps = _fx.Connect();
        ps.Set("zip", zip);

        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'Zip voice' | Send-VoiceTrainingData -Path $zip").ThrowOnError().Single<VoiceTrainingJob>();

        var stored = Assert.Single(_fx.Emulator.Objects, o => o.Key.Contains(job.JobId) && o.Key.EndsWith(".zip"));
        Assert.Equal(TestData.Md5(zip), stored.Md5Hex);
        Assert.Equal(new FileInfo(zip).Length, stored.Size);
        Assert.Equal(zip, job.Path);
    }

    [Fact]
    public void The_seed_example_request_is_sent_as_documented()
    {
        using var ps = _fx.Connect();
        var job = ps.Run("New-VoiceTrainingJob -Tag ECOMMERCE -Description 'It is a female voice.' -Sex FEMALE -VoiceName 'Gentle female voice' -Language CN -CreateType Package")
            .ThrowOnError().Single<VoiceTrainingJob>();

        var request = Assert.Single(_fx.Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/advance-jobs") && r.Body!.Contains("Gentle female voice"));
        Assert.Equal($"/v1/{EmulatorFixture.ProjectId}/voice-training-manage/user/advance-jobs", request.Path);
        const string seed = """
            { "tag" : "ECOMMERCE", "description" : "It is a female voice.", "sex" : "FEMALE",
              "voice_name" : "Gentle female voice", "language" : "CN", "create_type" : "PACKAGE" }
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(seed), JsonNode.Parse(request.Body!)), "sent: " + request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal(EmulatorFixture.Token, request.Headers["X-Auth-Token"]);
        Assert.Equal("CREATING", job.State);
        Assert.Equal("Gentle female voice", _fx.Emulator.GetJob(job.JobId)!.VoiceName);
    }

    [Theory]
    [InlineData("Premium", "advance-jobs", "ADVANCE")]
    [InlineData("Basic", "basic-jobs", "BASIC")]
    [InlineData("Advanced", "middle-jobs", "MIDDLE")]
    [InlineData("ThirdParty", "third-party-jobs", "THIRD_PARTY")]
    public void Each_edition_uses_its_own_create_operation(string edition, string path, string jobType)
    {
        using var ps = _fx.Connect();
        ps.Set("edition", edition);
        var job = ps.Run("New-VoiceTrainingJob -VoiceName \"edition $edition\" -Edition $edition").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal(edition, job.Edition);
        Assert.Equal(jobType, job.JobType);
        Assert.Equal(jobType, _fx.Emulator.GetJob(job.JobId)!.JobType);
        Assert.Contains(_fx.Emulator.Requests, r => r.Path.EndsWith("/" + path) && r.Body!.Contains($"edition {edition}"));
    }

    [Fact]
    public void Segment_jobs_get_sentence_upload_urls_but_premium_refuses_segments()
    {
        using var ps = _fx.Connect();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'seg' -Edition Basic -CreateType Segment").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal("SEGMENT", job.CreateType);
        Assert.Equal(20, job.UploadTargets!.SegmentAudio.Count);

        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'seg2' -Edition Premium -CreateType Segment");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("CreateTypeNotSupported,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Fact]
    public void Csv_rows_bind_by_property_name_and_blank_cells_mean_not_given()
    {
        var a = _data.Folder("csv-a");
        File.Copy(_fx.LongWav, Path.Combine(a, "voice.wav"));
        var b = _fx.LongWav;
        using var ps = _fx.Connect();
        ps.Set("a", a);
        ps.Set("b", b);
        // Import-Csv gives every cell as a string, blanks as "".
        var jobs = ps.Run("""
            $rows = @(
              [pscustomobject]@{ VoiceName = 'Csv A'; Edition = 'thirdparty'; Tag = ''; Sex = 'male'; Language = ''; Description = ''; Path = $a; AppUserId = '' },
              [pscustomobject]@{ VoiceName = 'Csv B'; Edition = 'Premium'; Tag = 'news'; Sex = ''; Language = 'EN'; Description = 'second'; Path = $b; AppUserId = 'crm-42' }
            )
            $rows | New-VoiceTrainingJob | Send-VoiceTrainingData | Submit-VoiceTrainingJob
            """).ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();

        Assert.Equal(new[] { "Csv A", "Csv B" }, jobs.Select(j => j.VoiceName));
        Assert.All(jobs, j => Assert.Equal("SYSTEM_AUDITING", j.State));
        var bodyA = JsonNode.Parse(_fx.Emulator.Requests.Single(r => r.Method == "POST" && r.Body != null && r.Body.Contains("Csv A")).Body!)!.AsObject();
        Assert.Equal("MALE", (string?)bodyA["sex"]);
        Assert.False(bodyA.ContainsKey("tag"));
        Assert.False(bodyA.ContainsKey("language"));
        Assert.False(bodyA.ContainsKey("description"));
        var requestB = _fx.Emulator.Requests.Single(r => r.Method == "POST" && r.Body != null && r.Body.Contains("Csv B"));
        Assert.Equal("NEWS", (string?)JsonNode.Parse(requestB.Body!)!["tag"]);
        Assert.Equal("crm-42", requestB.Headers["X-App-UserId"]);
        Assert.Equal("crm-42", _fx.Emulator.GetJob(jobs[1].JobId)!.AppUserId);
        Assert.Equal("THIRD_PARTY", _fx.Emulator.GetJob(jobs[0].JobId)!.JobType);
    }

    [Fact]
    public void Job_ids_bind_by_value_and_by_property_name()
    {
        var wav = _fx.LongWav;
        using var ps = _fx.Connect();
        ps.Set("wav", wav);
        var created = ps.Run("1..2 | ForEach-Object { New-VoiceTrainingJob -VoiceName \"byid $_\" }").ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        ps.Set("ids", created.Select(j => j.JobId).ToArray());

        var byValue = ps.Run("$ids | Get-VoiceTrainingJob").ThrowOnError();
        Assert.Equal(created.Select(j => j.JobId), byValue.Output.Select(o => ((VoiceTrainingJob)o.BaseObject).JobId));

        // A row with JobId and Path: Send fetches fresh upload URLs for the job id.
        var sent = ps.Run("[pscustomobject]@{ JobId = $ids[0]; Path = $wav } | Send-VoiceTrainingData | Submit-VoiceTrainingJob")
            .ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal("SYSTEM_AUDITING", sent.State);
        Assert.Contains(_fx.Emulator.Requests, r => r.Path.EndsWith($"/jobs/{created[0].JobId}/uploading-address-url"));
        Assert.Equal("SYSTEM_AUDITING", ps.Run("Get-VoiceTrainingJob $ids[0]").ThrowOnError().Single<VoiceTrainingJob>().State);
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        var wav = _fx.LongWav;
        using var ps = _fx.Connect();
        ps.Set("wav", wav);
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'whatif-real' -Path $wav").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        var before = _fx.Emulator.Requests.Count;

        var r = ps.Run("""
            New-VoiceTrainingJob -VoiceName 'whatif-new' -WhatIf
            $job | Send-VoiceTrainingData -WhatIf
            $job | Submit-VoiceTrainingJob -WhatIf
            Send-VoiceTrainingData -JobId $job.JobId -Path $wav -WhatIf
            """).ThrowOnError();

        Assert.Empty(r.Output);
        Assert.Equal(before, _fx.Emulator.Requests.Count);
        Assert.DoesNotContain(_fx.Emulator.Jobs, j => j.VoiceName == "whatif-new");
        Assert.Equal("CREATING", _fx.Emulator.GetJob(job.JobId)!.State);
    }

    [Fact]
    public void Upload_reports_progress_from_the_pipeline_thread()
    {
        var wav = _fx.LongWav;
        using var ps = _fx.Connect();
        ps.Set("wav", wav);
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'progress' -Path $wav | Send-VoiceTrainingData").ThrowOnError();
        Assert.NotEmpty(r.Progress);
        Assert.Contains(r.Progress, p => p.RecordType == System.Management.Automation.ProgressRecordType.Completed);
        Assert.All(r.Progress.Where(p => p.RecordType == System.Management.Automation.ProgressRecordType.Processing),
            p => Assert.InRange(p.PercentComplete, 0, 100));
        Assert.Contains(r.Progress, p => p.StatusDescription.StartsWith("Uploading"));
    }
}
