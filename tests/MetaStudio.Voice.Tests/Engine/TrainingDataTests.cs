using System.IO.Compression;
using System.Management.Automation;
using MetaStudio.Voice.Commands;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>Test-VoiceTrainingData and the upload of every edition's layout, through the engine.</summary>
public sealed class TrainingDataTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fx;
    private readonly TestData _data = new();

    public TrainingDataTests(EmulatorFixture fx) => _fx = fx;

    public void Dispose() => _data.Dispose();

    private string Sentences(string name, int count, Action<int, string>? tweak = null)
    {
        var folder = _data.Folder(name);
        for (var i = 0; i < count; i++)
        {
            _data.Wav($"{name}/{i}.wav", 5.5, seed: i);
            _data.Text($"{name}/{i}.txt", $"Sentence number {i}.");
            tweak?.Invoke(i, folder);
        }
        return folder;
    }

    private static VoiceTrainingDataReport Report(PsResult r) => r.ThrowOnError().Single<VoiceTrainingDataReport>();

    [Fact]
    public void Each_editions_layout_passes_when_right()
    {
        using var ps = new PsHarness();
        ps.Set("basic", Sentences("ok-basic", 20));
        ps.Set("advanced", Sentences("ok-advanced", 100));
        ps.Set("premium", _data.Wav("ok-premium/voice.wav", 185));
        Assert.True(Report(ps.Run("Test-VoiceTrainingData $basic -Edition Basic")).IsValid);
        Assert.True(Report(ps.Run("Test-VoiceTrainingData $basic -Edition Basic -CreateType Segment")).IsValid);
        var advanced = Report(ps.Run("Test-VoiceTrainingData -Path $advanced -Edition Advanced"));
        Assert.True(advanced.IsValid, string.Join("\n", advanced.Problems));
        Assert.Equal(200, advanced.Files.Count);
        var premium = Report(ps.Run("Test-VoiceTrainingData $premium"));
        Assert.True(premium.IsValid);
        Assert.Equal("Premium", premium.Edition);
        Assert.Equal(185, premium.TotalDuration.TotalSeconds, 1);
        Assert.Equal(16000, premium.Files.Single().SampleRate);
    }

    [Fact]
    public void Layout_and_content_problems_each_have_their_code_and_file()
    {
        var folder = Sentences("bad-basic", 20, (i, f) =>
        {
            if (i == 3) File.Delete(Path.Combine(f, "3.txt"));
            if (i == 4) File.WriteAllText(Path.Combine(f, "4.txt"), "   ");
            if (i == 5) File.WriteAllBytes(Path.Combine(f, "5.txt"), new byte[] { 0xC4, 0xE3, 0xBA, 0xC3 }); // GBK, not UTF-8
            if (i == 6) File.Move(Path.Combine(f, "6.wav"), Path.Combine(f, "06.wav"));
        });
        _data.Wav("bad-basic/7.wav", 16);
        File.WriteAllBytes(Path.Combine(folder, "8.wav"), Fixtures.WavFixture.Mp3WithId3());
        _data.Text("bad-basic/20.wav", "x");
        _data.Text("bad-basic/notes.docx", "x");
        using var ps = new PsHarness();
        ps.Set("f", folder);
        var report = Report(ps.Run("Test-VoiceTrainingData $f -Edition Basic"));

        Assert.False(report.IsValid);
        void Has(string code, string? file, VoiceTrainingDataSeverity severity = VoiceTrainingDataSeverity.Error)
            => Assert.Contains(report.Problems, p => p.Code == code && p.File == file && p.Severity == severity);
        Has("MissingTranscript", "3.txt");
        Has("TranscriptEmpty", "4.txt");
        Has("TranscriptNotUtf8", "5.txt");
        Has("MisnamedFile", "06.wav");
        Has("ClipTooLong", "7.wav");
        Has("NotWavMp3", "8.wav");
        Has("ExtraFile", "20.wav");
        Has("ExtraFile", "notes.docx", VoiceTrainingDataSeverity.Warning);
        Assert.All(report.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Segment_upload_is_refused_for_editions_that_take_one_recording()
    {
        using var ps = new PsHarness();
        ps.Set("wav", _data.Wav("segment-premium/voice.wav", 185));
        var report = Report(ps.Run("Test-VoiceTrainingData $wav -Edition Premium -CreateType Segment"));
        Assert.Contains(report.Problems, p => p.Code == "CreateTypeNotSupported");
    }

    [Fact]
    public void Audio_format_rules_come_from_the_policy_table()
    {
        using var ps = new PsHarness();
        var folder = _data.Folder("formats");
        Fixtures.WavFixture.Pcm(sampleRate: 8000, channels: 2, bits: 16).Seconds(200).Sine(440).WriteTo(Path.Combine(folder, "phone.wav"));
        ps.Set("f", Path.Combine(folder, "phone.wav"));
        var report = Report(ps.Run("Test-VoiceTrainingData $f -Edition ThirdParty"));
        Assert.Contains(report.Problems, p => p.Code == "SampleRateTooLow");
        Assert.Contains(report.Problems, p => p.Code == "NotMono");
        Assert.Equal("ThirdParty", report.Edition);
    }

    [Fact]
    public void A_zip_is_checked_in_place_and_folders_inside_it_are_refused()
    {
        var folder = Sentences("zipped", 20);
        var flat = Path.Combine(_data.Root, "flat.zip");
        ZipFile.CreateFromDirectory(folder, flat, CompressionLevel.Optimal, includeBaseDirectory: false);
        var nested = Path.Combine(_data.Root, "nested.zip");
        ZipFile.CreateFromDirectory(folder, nested, CompressionLevel.Fastest, includeBaseDirectory: true);
        using var ps = new PsHarness();
        ps.Set("flat", flat);
        ps.Set("nested", nested);
        var ok = Report(ps.Run("Test-VoiceTrainingData $flat -Edition Basic"));
        Assert.True(ok.IsValid, string.Join("\n", ok.Problems));
        Assert.Equal(20 * 5.5, ok.TotalDuration.TotalSeconds, 1);
        var bad = Report(ps.Run("Test-VoiceTrainingData $nested -Edition Basic"));
        Assert.Contains(bad.Problems, p => p.Code == "NestedFolder" && p.Severity == VoiceTrainingDataSeverity.Error);
        Assert.Contains(bad.Problems, p => p.Code == "MissingAudio");
        Assert.Empty(Directory.GetDirectories(_data.Root, "zipped*", SearchOption.TopDirectoryOnly).Skip(1)); // nothing unpacked
    }

    [Fact]
    public void A_missing_path_is_an_error_record_not_a_report()
    {
        using var ps = new PsHarness();
        var r = ps.Run("Test-VoiceTrainingData ./does/not/exist -Edition Basic");
        Assert.Empty(r.Output);
        Assert.StartsWith("TrainingDataNotFound,", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Send_refuses_invalid_data_with_the_report_unless_told_to_skip()
    {
        var folder = Sentences("refused", 19);
        using var ps = _fx.Connect();
        ps.Set("f", folder);
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'refused data' -Edition Basic -Path $f | Send-VoiceTrainingData");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("TrainingDataInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        var ex = Assert.IsType<TrainingDataInvalidException>(error.Exception);
        Assert.Contains(ex.Report.Problems, p => p.Code == "MissingAudio" && p.File == "19.wav");
        Assert.Contains("Test-VoiceTrainingData", ex.Message);
        var job = (VoiceTrainingJob)error.TargetObject;
        Assert.DoesNotContain(_fx.Emulator.Objects, o => o.Key.Contains(job.JobId));

        ps.Set("job", job);
        var skipped = ps.Run("$job | Send-VoiceTrainingData -SkipValidation").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Contains(_fx.Emulator.Objects, o => o.Key.Contains(skipped.JobId));
    }

    [Fact]
    public void Warnings_are_shown_but_do_not_block()
    {
        var folder = Sentences("warned", 20);
        _data.Text("warned/readme.md", "not data");
        using var ps = _fx.Connect();
        ps.Set("f", folder);
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'warned data' -Edition Basic -Path $f | Send-VoiceTrainingData").ThrowOnError();
        Assert.Single(r.Output);
        Assert.Contains(r.Warnings, w => w.Contains("readme.md"));
        var job = (VoiceTrainingJob)r.Output[0].BaseObject;
        var zip = Assert.Single(_fx.Emulator.Objects, o => o.Key.Contains(job.JobId));
        using var archive = ZipFile.OpenRead(zip.FilePath!);
        Assert.Equal(40, archive.Entries.Count);
        Assert.DoesNotContain(archive.Entries, e => e.Name == "readme.md");
    }

    [Fact]
    public void Segment_upload_sends_each_pair_confirms_it_and_resumes_where_it_stopped()
    {
        var folder = Sentences("segments", 20);
        var later = _data.Folder("segments-later");
        foreach (var i in Enumerable.Range(12, 8))
            foreach (var ext in new[] { "wav", "txt" })
                File.Move(Path.Combine(folder, $"{i}.{ext}"), Path.Combine(later, $"{i}.{ext}"));
        using var ps = _fx.Connect();
        ps.Set("f", folder);

        // First run: only sentences 0-11 are there (validation skipped on purpose).
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'segment voice' -Edition Basic -CreateType Segment -Path $f | Send-VoiceTrainingData -SkipValidation -ThrottleLimit 3")
            .ThrowOnError().Single<VoiceTrainingJob>();
        var puts = _fx.RequestsFor(job.JobId).Where(q => q.Method == "PUT").ToList();
        Assert.Equal(24, puts.Count);

        // Second run with all 20: only 12-19 travel.
        foreach (var file in Directory.GetFiles(later)) File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
        ps.Set("job", job);
        var sent = ps.Run("$job | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal("SYSTEM_AUDITING", sent.State);
        Assert.Equal(40, _fx.RequestsFor(job.JobId).Count(q => q.Method == "PUT"));

        var objects = _fx.Emulator.Objects.Where(o => o.Key.Contains(job.JobId)).ToList();
        Assert.Equal(40, objects.Count);
        foreach (var i in Enumerable.Range(0, 20))
        {
            var wav = Assert.Single(objects, o => o.Key.EndsWith($"/{i}.wav"));
            Assert.Equal("audio/wav", wav.ContentType);
            Assert.Equal(TestData.Md5(Path.Combine(folder, $"{i}.wav")), wav.Md5Hex);
            var txt = Assert.Single(objects, o => o.Key.EndsWith($"/{i}.txt"));
            Assert.Equal("text/plain", txt.ContentType);
            Assert.Equal(TestData.Md5(Path.Combine(folder, $"{i}.txt")), txt.Md5Hex);
        }
        Assert.Equal(20, _fx.RequestsFor("training-segment").Count(q => q.Method == "POST" && q.QueryString.Contains(job.JobId)));
    }

    [Fact]
    public void A_sentence_whose_text_does_not_match_is_reported_by_index()
    {
        var folder = Sentences("unmatched", 20, (i, f) => { if (i == 7) File.WriteAllText(Path.Combine(f, "7.txt"), "UNMATCHED text"); });
        using var ps = _fx.Connect();
        ps.Set("f", folder);
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'unmatched voice' -Edition Basic -CreateType Segment -Path $f | Send-VoiceTrainingData").ThrowOnError();
        var warning = Assert.Single(r.Warnings, w => w.Contains("does not match"));
        Assert.Contains("Sentence 7", warning);
    }

    [Fact]
    public void An_expired_url_is_replaced_by_a_fresh_one_and_the_upload_retried_once()
    {
        using var shortLived = MetaStudioEmulator.StartAsync(new EmulatorOptions { UploadUrlLifetime = TimeSpan.FromSeconds(1) }).GetAwaiter().GetResult();
        var wav = _data.Wav("refresh/voice.wav", 185);
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("endpoint", shortLived.BaseUri.ToString());
        ps.Set("wav", wav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'late upload' -Path $wav").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        Thread.Sleep(2100); // the URLs from the create call are now stale

        var sent = ps.Run("$job | Send-VoiceTrainingData -Verbose").ThrowOnError().Single<VoiceTrainingJob>();

        Assert.NotNull(sent.DataUploadedAt);
        var puts = shortLived.Requests.Where(q => q.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal(403, puts[0].StatusCode);
        Assert.Equal(200, puts[1].StatusCode);
        Assert.Single(shortLived.Requests, q => q.Path.EndsWith("/uploading-address-url"));
        Assert.Single(shortLived.Objects);
    }
}

/// <summary>New-VoiceTrainingPackage: the zip the service expects, for users who upload by other means.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void A_valid_folder_becomes_a_zip_with_names_at_its_root_and_an_invalid_one_is_refused()
    {
        var folder = _data.Folder("pkg");
        for (var i = 0; i < 20; i++)
        {
            _data.Wav($"pkg/{i}.wav", 5.5, seed: i);
            _data.Text($"pkg/{i}.txt", $"Sentence {i}.");
        }
        _data.Text("pkg/notes.md", "not data");
        using var ps = new PsHarness();
        ps.Set("f", folder);
        ps.Set("zip", Path.Combine(_data.Root, "out.zip"));

        var file = ps.Run("New-VoiceTrainingPackage -Path $f -Edition Basic -OutFile $zip").ThrowOnError().Single<FileInfo>();
        using (var archive = ZipFile.OpenRead(file.FullName))
        {
            Assert.Equal(40, archive.Entries.Count);
            Assert.All(archive.Entries, e => Assert.DoesNotContain("/", e.FullName));
            Assert.Contains(archive.Entries, e => e.FullName == "19.txt");
        }
        Assert.True(Report(ps.Run("Test-VoiceTrainingData $zip -Edition Basic")).IsValid);

        var again = ps.Run("New-VoiceTrainingPackage -Path $f -Edition Basic -OutFile $zip");
        Assert.StartsWith("OutFileExists,", Assert.Single(again.Errors).FullyQualifiedErrorId);

        ps.Set("zip3", Path.Combine(_data.Root, "whatif.zip"));
        ps.Run("New-VoiceTrainingPackage -Path $f -Edition Basic -OutFile $zip3 -WhatIf").ThrowOnError();
        Assert.False(File.Exists(Path.Combine(_data.Root, "whatif.zip")));

        File.Delete(Path.Combine(folder, "7.txt"));
        ps.Set("zip2", Path.Combine(_data.Root, "bad.zip"));
        var refused = ps.Run("New-VoiceTrainingPackage -Path $f -Edition Basic -OutFile $zip2");
        Assert.StartsWith("TrainingDataInvalid,", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.False(File.Exists(Path.Combine(_data.Root, "bad.zip")));
        Assert.Empty(Directory.GetFiles(_data.Root, "*.partial"));
    }

    private static VoiceTrainingDataReport Report(PsResult r) => r.ThrowOnError().Single<VoiceTrainingDataReport>();
}

/// <summary>-Online: the service's own quality assessment joins the report.</summary>
public sealed class OnlineAssessmentTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_service_rates_a_sample_and_out_of_range_measures_become_warnings()
    {
        await using var emulator = await MetaStudio.Voice.Emulator.MetaStudioEmulator.StartAsync(new MetaStudio.Voice.Emulator.EmulatorOptions());
        var good = _data.Wav("online/good.wav", 185);
        var phone = Path.Combine(_data.Root, "online", "phone.wav");
        Fixtures.WavFixture.Pcm(sampleRate: 8000).Seconds(200).Sine(300).WriteTo(phone);
        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("good", good);
        ps.Set("phone", phone);

        var offline = ps.Run("Test-VoiceTrainingData $good -Online");
        Assert.StartsWith("NoSession,", Assert.Single(offline.Errors).FullyQualifiedErrorId);

        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        var report = ps.Run("Test-VoiceTrainingData $good -Online -SampleLength 20").ThrowOnError().Single<VoiceTrainingDataReport>();
        Assert.NotNull(report.Assessment);
        Assert.Contains(report.Assessment!.Items, i => i.Measure == "snr");
        Assert.All(report.Assessment.Items, i => Assert.True(i.InRange, i.ToString()));
        var job = Assert.Single(emulator.ShortJobs);
        var sample = Assert.Single(emulator.Objects, o => o.Key.Contains("short-jobs"));
        Assert.InRange(sample.Size, 20 * 32000, 20 * 32000 + 1024); // 20 s of 16 kHz 16-bit mono, not the whole recording
        Assert.Equal(job.JobId, report.Assessment.JobId);

        var poor = ps.Run("Test-VoiceTrainingData $phone -Online -Edition ThirdParty").ThrowOnError().Single<VoiceTrainingDataReport>();
        Assert.Contains(poor.Assessment!.Items, i => !i.InRange);
        Assert.Contains(poor.Problems, p => p.Code.StartsWith("Assess.") && p.Severity == VoiceTrainingDataSeverity.Warning);
        Assert.Contains(poor.Problems, p => p.Code == "SampleRateTooLow"); // the local check still speaks too
        Assert.Empty(Directory.Exists(MetaStudio.Voice.Upload.TrainingDataUploader.TempDirectory)
            ? Directory.GetFiles(MetaStudio.Voice.Upload.TrainingDataUploader.TempDirectory, "assess-*.zip") : Array.Empty<string>());
    }
}
