using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

/// <summary>Builds the zips and WAVs the receipt-check and short-job tests upload.</summary>
internal static class EmulatorZips
{
    /// <summary>A PCM WAV: RIFF/WAVE, a LIST chunk before 'fmt ' (must be skipped), then data.</summary>
    public static byte[] Wav(int sampleRate = 16000, double seconds = 0.25, bool listChunk = true)
    {
        var samples = (int)(sampleRate * seconds);
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        var list = listChunk ? Encoding.ASCII.GetBytes("INFOISFT\u0004\0\0\0emu\0") : [];
        w.Write("RIFF"u8); w.Write(4 + (list.Length > 0 ? 8 + list.Length : 0) + 24 + 8 + samples * 2); w.Write("WAVE"u8);
        if (list.Length > 0) { w.Write("LIST"u8); w.Write(list.Length); w.Write(list); }
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (var i = 0; i < samples; i++) w.Write((short)(3000 * Math.Sin(i * 0.07)));
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>Bytes of an MP3 (ID3 tag + frame header), e.g. to be named .wav.</summary>
    public static byte[] Mp3() => [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, .. new byte[400]];

    public static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                s.Write(data);
            }
        }
        return ms.ToArray();
    }

    public static (string, byte[])[] Pairs(int count, params int[] skipText) =>
        Enumerable.Range(0, count).SelectMany(i => skipText.Contains(i)
            ? new[] { ($"{i}.wav", Wav(seconds: 0.05)) }
            : new[] { ($"{i}.wav", Wav(seconds: 0.05)), ($"{i}.txt", Encoding.UTF8.GetBytes($"sentence {i}")) }).ToArray();
}

public class EmulatorReceiptTests
{
    private static async Task<(string JobId, JsonElement Created)> CreateAndUpload(EmulatorTestClient c, string edition, byte[] zip, string voice = "v")
    {
        var created = await c.CreateAsync(edition, $$"""{"voice_name":"{{voice}}"}""");
        await c.UploadPackageAsync(created, zip);
        return (created.GetProperty("job_id").GetString()!, created);
    }

    private static async Task<List<JsonElement>> AuditErrors(EmulatorTestClient c, string jobId)
    {
        var (r, body) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{jobId}/audit-result");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return body.GetProperty("system_audit_result").GetProperty("errors").EnumerateArray().ToList();
    }

    [Fact]
    public async Task A_good_premium_zip_passes_and_walks_to_succeed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = TimeSpan.FromSeconds(1); o.TimeProvider = clock; });
        var (jobId, _) = await CreateAndUpload(c, "advance", EmulatorZips.Zip(("My Voice.wav", EmulatorZips.Wav(48000)), ("notes.txt", "hi"u8.ToArray())));
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("SUCCEED", await c.StateAsync(jobId));
        Assert.Empty(await AuditErrors(c, jobId));
    }

    [Fact]
    public async Task A_good_basic_zip_with_20_pairs_passes()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (jobId, _) = await CreateAndUpload(c, "basic", EmulatorZips.Zip(EmulatorZips.Pairs(20)));
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId)); // StepDelay null: no receipt failure, stays
    }

    [Fact]
    public async Task A_basic_zip_with_a_missing_pair_half_and_an_extra_file_fails_the_audit_at_once()
    {
        await using var c = await EmulatorTestClient.StartAsync(); // StepDelay null: AUDIT_FAILED on commit
        var entries = EmulatorZips.Pairs(20, skipText: 7).Append(("20.wav", EmulatorZips.Wav())).ToArray();
        var (jobId, created) = await CreateAndUpload(c, "basic", EmulatorZips.Zip(entries));
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        var info = await c.GetJobAsync(jobId);
        Assert.Equal("AUDIT_FAILED", info.GetProperty("state").GetString());
        Assert.Equal(1, info.GetProperty("reject_times").GetInt32());
        var errors = await AuditErrors(c, jobId);
        Assert.Equal(2, errors.Count);
        var missing = errors.Single(e => e.GetProperty("error_message").GetString()!.Contains("7.txt"));
        Assert.Equal("MSS.40000002", missing.GetProperty("error_code").GetString());
        Assert.Equal("7.txt", missing.GetProperty("text_name").GetString());
        var extra = errors.Single(e => e.GetProperty("error_message").GetString()!.Contains("20.wav"));
        Assert.Equal("20.wav", extra.GetProperty("audio_name").GetString());
        Assert.Equal("MSS.40000002", extra.GetProperty("error_code").GetString());
        Assert.Equal(["COMMIT_JOB", "AUDIT_NOT_PASS"], c.Emulator.GetJob(jobId)!.Operations.Skip(1).Select(o => o.Action));

        // Fix the data, upload again, commit: the receipt passes now.
        await c.UploadPackageAsync(created, EmulatorZips.Zip(EmulatorZips.Pairs(20)));
        using (var again = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
    }

    [Fact]
    public async Task A_zip_whose_wav_is_an_mp3_fails_the_audit_after_the_system_audit_step()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = TimeSpan.FromSeconds(5); o.TimeProvider = clock; });
        var (jobId, _) = await CreateAndUpload(c, "third-party", EmulatorZips.Zip(("voice.wav", EmulatorZips.Mp3())));
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("AUDIT_FAILED", await c.StateAsync(jobId));

        var error = Assert.Single(await AuditErrors(c, jobId));
        Assert.Equal("voice.wav", error.GetProperty("audio_name").GetString());
        Assert.Equal("MSS.40000003", error.GetProperty("error_code").GetString());
        Assert.Contains("MP3", error.GetProperty("error_message").GetString());
        Assert.Equal("MSS.40000003", c.Emulator.GetJob(jobId)!.AuditErrors.Single().ErrorCode);
    }

    [Theory]
    [InlineData("two wavs")]
    [InlineData("no wav")]
    [InlineData("nested")]
    [InlineData("no data chunk")]
    public async Task Premium_layout_and_wav_structure_are_checked(string variant)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var wav = EmulatorZips.Wav();
        var (entries, name, code) = variant switch
        {
            "two wavs" => (new[] { ("a.wav", wav), ("b.wav", wav) }, "a.wav", "MSS.40000002"),
            "no wav" => (new[] { ("a.txt", "x"u8.ToArray()) }, "no .wav", "MSS.40000002"),
            "nested" => (new[] { ("folder/a.wav", wav) }, "folder/a.wav", "MSS.40000002"),
            _ => (new[] { ("a.wav", wav[..36]) }, "a.wav", "MSS.40000003"),
        };
        var (jobId, _) = await CreateAndUpload(c, "advance", EmulatorZips.Zip(entries));
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("AUDIT_FAILED", await c.StateAsync(jobId));
        var errors = await AuditErrors(c, jobId);
        Assert.Contains(errors, e => e.GetProperty("error_code").GetString() == code && e.GetProperty("error_message").GetString()!.Contains(name));
    }

    [Fact]
    public async Task A_non_zip_upload_is_not_inspected_in_lenient_mode_but_fails_in_strict_mode()
    {
        await using (var lenient = await EmulatorTestClient.StartAsync())
        {
            var (jobId, _) = await CreateAndUpload(lenient, "advance", EmulatorTestClient.RandomBytes(500));
            using (var commit = await lenient.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
            Assert.Equal("SYSTEM_AUDITING", await lenient.StateAsync(jobId));
        }
        await using var strict = await EmulatorTestClient.StartAsync(o => o.ReceiptChecks = ReceiptCheckMode.Strict);
        var (strictJob, _) = await CreateAndUpload(strict, "advance", [0x50, 0x4B, 1, 2, 3]);
        using (var commit = await strict.CommitAsync(strictJob)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("AUDIT_FAILED", await strict.StateAsync(strictJob));
        var error = Assert.Single(await AuditErrors(strict, strictJob));
        Assert.Equal("data.zip", error.GetProperty("audio_name").GetString());
        Assert.Equal("MSS.40000002", error.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Checks_are_skipped_when_uploads_are_discarded_or_checks_are_off()
    {
        foreach (var configure in new Action<EmulatorOptions>[] { o => o.DiscardUploads = true, o => o.ReceiptChecks = ReceiptCheckMode.Off })
        {
            await using var c = await EmulatorTestClient.StartAsync(configure);
            var (jobId, _) = await CreateAndUpload(c, "advance", EmulatorZips.Zip(("voice.wav", EmulatorZips.Mp3())));
            using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
            Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        }
    }

    [Fact]
    public async Task The_audit_fail_voice_name_still_works_with_valid_data()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = TimeSpan.FromSeconds(1); o.TimeProvider = clock; });
        var (jobId, _) = await CreateAndUpload(c, "basic", EmulatorZips.Zip(EmulatorZips.Pairs(20)), voice: "my audit-fail voice");
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("AUDIT_FAILED", await c.StateAsync(jobId));
        Assert.Equal("MSS.40000001", Assert.Single(await AuditErrors(c, jobId)).GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Strict_segment_jobs_need_readable_wavs()
    {
        await using var c = await EmulatorTestClient.StartAsync(o => o.ReceiptChecks = ReceiptCheckMode.Strict);
        var created = await c.CreateAsync("basic", """{"voice_name":"seg","create_type":"SEGMENT"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        var urls = created.GetProperty("segment_uploading_url");
        var audio = urls.GetProperty("audio_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToList();
        var text = urls.GetProperty("txt_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToList();
        for (var i = 0; i < 20; i++)
        {
            using (var a = await c.PutAsync(audio[i], i == 3 ? EmulatorZips.Mp3() : EmulatorZips.Wav(seconds: 0.05), "audio/wav")) Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            using (var t = await c.PutAsync(text[i], Encoding.UTF8.GetBytes($"s {i}"), "text/plain")) Assert.Equal(HttpStatusCode.OK, t.StatusCode);
            var (r, _) = await c.CallAsync(HttpMethod.Post, $"user/training-segment?job_id={jobId}&index={i}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("AUDIT_FAILED", await c.StateAsync(jobId));
        var error = Assert.Single(await AuditErrors(c, jobId));
        Assert.Equal("3.wav", error.GetProperty("audio_name").GetString());
        Assert.Equal("MSS.40000003", error.GetProperty("error_code").GetString());
    }
}
