using System.Globalization;
using System.Net;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorShortJobTests
{
    private static async Task<(string JobId, string Url)> CreateShort(EmulatorTestClient c, string language = "CN")
    {
        var (r, body) = await c.CallAsync(HttpMethod.Post, "user/short-jobs", $$"""{"job_type":"VOICE_ASSESS","language":"{{language}}"}""");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(["job_id", "data_uploading_url"], JsonAssert.Names(body));
        return (body.GetProperty("job_id").GetString()!, body.GetProperty("data_uploading_url").GetString()!);
    }

    private static async Task<JsonElement> Show(EmulatorTestClient c, string jobId)
    {
        var (r, body) = await c.CallAsync(HttpMethod.Get, $"user/short-jobs/{jobId}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return body;
    }

    private static string Actual(JsonElement assess, string name) => assess.GetProperty(name).GetProperty("actual").GetString()!;
    private static int Status(JsonElement assess, string name) => assess.GetProperty(name).GetProperty("status").GetInt32();

    [Fact]
    public async Task Happy_path_creating_processing_succeed_with_a_deterministic_assessment()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = TimeSpan.FromSeconds(3); o.TimeProvider = clock; });
        var (jobId, url) = await CreateShort(c);
        var uri = new Uri(url);
        Assert.Equal($"/obs/metastudio-voice-training/{EmulatorTestClient.Project}/short-jobs/{jobId}/data.zip", uri.AbsolutePath);
        Assert.Matches("^\\?AccessKeyId=[^&]+&Expires=[0-9]+&Signature=[^&]+$", uri.Query);

        var created = await Show(c, jobId);
        Assert.Equal("CREATING", created.GetProperty("state").GetString());
        Assert.Equal("VOICE_ASSESS", created.GetProperty("job_type").GetString());
        Assert.False(created.TryGetProperty("assess_result", out _));

        var (early, earlyBody) = await c.CallAsync(HttpMethod.Post, $"user/short-jobs/{jobId}");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        JsonAssert.Error(earlyBody, "MSS.10000003", "not been uploaded");

        var zip = EmulatorZips.Zip(("sample.wav", EmulatorZips.Wav(44100, 0.5)));
        using (var put = await c.PutAsync(url, zip, "application/zip")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var wrongType = await c.PutAsync(url, zip, "application/octet-stream")) Assert.Equal(HttpStatusCode.Forbidden, wrongType.StatusCode);
        using (var commit = await c.SendAsync(HttpMethod.Post, $"user/short-jobs/{jobId}")) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("PROCESSING", (await Show(c, jobId)).GetProperty("state").GetString());
        using (var twice = await c.SendAsync(HttpMethod.Post, $"user/short-jobs/{jobId}")) Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);

        clock.Advance(TimeSpan.FromSeconds(3));
        var done = await Show(c, jobId);
        Assert.Equal("SUCCEED", done.GetProperty("state").GetString());
        Assert.Equal(["job_type", "job_id", "state", "create_time", "lastupdate_time", "assess_result"], JsonAssert.Names(done));
        var assess = done.GetProperty("assess_result");
        Assert.Equal(["speed", "sound", "snr", "reverb", "dnsmos_ovrl", "dnsmos_bak", "suggestion"], JsonAssert.Names(assess));
        foreach (var name in new[] { "speed", "sound", "snr", "reverb", "dnsmos_ovrl", "dnsmos_bak" })
        {
            Assert.Equal(["expected", "actual", "suggestion", "suggestion_en", "status"], JsonAssert.Names(assess.GetProperty(name)));
            Assert.Equal(0, Status(assess, name));
        }
        long k = zip.Length;
        Assert.Equal((25.0 + k % 100 / 10.0).ToString("0.0", CultureInfo.InvariantCulture), Actual(assess, "snr"));
        Assert.Equal((3.20 + k % 50 / 100.0).ToString("0.00", CultureInfo.InvariantCulture), Actual(assess, "dnsmos_ovrl"));
        Assert.Equal((4.0 + k % 10 / 10.0).ToString("0.0", CultureInfo.InvariantCulture), Actual(assess, "speed"));
        Assert.Equal("录音质量符合要求。", assess.GetProperty("suggestion").GetString());
        Assert.Equal(JobStates.Succeed, c.Emulator.GetShortJob(jobId)!.State);
    }

    [Fact]
    public async Task A_sample_rate_below_16k_gives_bad_snr_and_dnsmos_with_suggestions()
    {
        await using var c = await EmulatorTestClient.StartAsync(); // StepDelay null: finishes on commit
        var (jobId, url) = await CreateShort(c, "EN");
        var zip = EmulatorZips.Zip(("notes.txt", "x"u8.ToArray()), ("phone.wav", EmulatorZips.Wav(8000, 0.5)));
        using (var put = await c.PutAsync(url, zip, "application/zip")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var commit = await c.SendAsync(HttpMethod.Post, $"user/short-jobs/{jobId}")) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        var done = await Show(c, jobId);
        Assert.Equal("SUCCEED", done.GetProperty("state").GetString());
        var assess = done.GetProperty("assess_result");
        foreach (var name in new[] { "snr", "dnsmos_ovrl", "dnsmos_bak" })
        {
            Assert.Equal(1, Status(assess, name));
            Assert.NotEmpty(assess.GetProperty(name).GetProperty("suggestion_en").GetString()!);
        }
        Assert.Equal(0, Status(assess, "speed"));
        long k = zip.Length;
        Assert.Equal((8.0 + k % 50 / 10.0).ToString("0.0", CultureInfo.InvariantCulture), Actual(assess, "snr"));
        Assert.Contains("8000 Hz", assess.GetProperty("suggestion").GetString());

        // Deterministic: the same bytes give the same answer.
        var (again, againUrl) = await CreateShort(c, "EN");
        using (var put = await c.PutAsync(againUrl, zip, "application/zip")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var commit = await c.SendAsync(HttpMethod.Post, $"user/short-jobs/{again}")) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(assess.GetRawText(), (await Show(c, again)).GetProperty("assess_result").GetRawText());
    }

    [Fact]
    public async Task An_unreadable_wav_fails_the_short_job()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (jobId, url) = await CreateShort(c);
        using (var put = await c.PutAsync(url, EmulatorZips.Zip(("a.wav", EmulatorZips.Mp3())), "application/zip")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var commit = await c.SendAsync(HttpMethod.Post, $"user/short-jobs/{jobId}")) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        var done = await Show(c, jobId);
        Assert.Equal("FAILED", done.GetProperty("state").GetString());
        Assert.Equal("MSS.40000003", done.GetProperty("job_failed_code").GetString());
        Assert.Contains("a.wav", done.GetProperty("job_failed_reason").GetString());
        Assert.False(done.TryGetProperty("assess_result", out _));
    }

    [Fact]
    public async Task Create_is_validated_and_authenticated()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (r1, b1) = await c.CallAsync(HttpMethod.Post, "user/short-jobs", """{"job_type":"OTHER"}""");
        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        JsonAssert.Error(b1, "MSS.10000003", "job_type");
        var (r2, b2) = await c.CallAsync(HttpMethod.Post, "user/short-jobs", """{"language":"CN"}""");
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
        JsonAssert.Error(b2, "MSS.10000003", "job_type");
        var (r3, b3) = await c.CallAsync(HttpMethod.Post, "user/short-jobs", """{"job_type":"VOICE_ASSESS"}""", token: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, r3.StatusCode);
        JsonAssert.Error(b3, "APIGW.0301");
        var (r4, b4) = await c.CallAsync(HttpMethod.Get, $"user/short-jobs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.BadRequest, r4.StatusCode);
        JsonAssert.Error(b4, "MSS.00000003", "job not found");
    }
}
