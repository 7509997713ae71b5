using System.Net;
using System.Text;
using System.Text.Json;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorSegmentTests
{
    [Fact]
    public async Task Confirm_segments_then_commit()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var created = await c.CreateAsync("basic", """{"voice_name":"v","create_type":"SEGMENT"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        var urls = created.GetProperty("segment_uploading_url");
        string Audio(int i) => urls.GetProperty("audio_uploading_url")[i].GetString()!;
        string Text(int i) => urls.GetProperty("txt_uploading_url")[i].GetString()!;

        async Task<(HttpResponseMessage, JsonElement)> Confirm(int index) =>
            await c.CallAsync(HttpMethod.Post, $"user/training-segment?job_id={jobId}&index={index}");

        // Nothing uploaded yet.
        var (missing, missingBody) = await Confirm(0);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        JsonAssert.Error(missingBody, "MSS.10000003", "0.wav");

        using (var r = await c.PutAsync(Audio(0), [1, 2, 3], "audio/wav")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var (onlyAudio, onlyAudioBody) = await Confirm(0);
        Assert.Equal(HttpStatusCode.BadRequest, onlyAudio.StatusCode);
        JsonAssert.Error(onlyAudioBody, "MSS.10000003", "0.txt");

        using (var r = await c.PutAsync(Text(0), Encoding.UTF8.GetBytes("今天天气很好"), "text/plain")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var (ok, okBody) = await Confirm(0);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(okBody.GetProperty("confirm_result").GetBoolean());
        Assert.Equal(0, okBody.GetProperty("unmatched_index_hit").GetArrayLength());

        var (range, rangeBody) = await Confirm(20);
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        JsonAssert.Error(rangeBody, "MSS.10000003", "out of range");

        // Deterministic mismatch: the transcript contains UNMATCHED.
        using (var r = await c.PutAsync(Audio(1), [1], "audio/wav")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await c.PutAsync(Text(1), "this is UNMATCHED"u8.ToArray(), "text/plain")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var (unmatched, unmatchedBody) = await Confirm(1);
        Assert.Equal(HttpStatusCode.OK, unmatched.StatusCode);
        Assert.False(unmatchedBody.GetProperty("confirm_result").GetBoolean());
        Assert.Equal([1], unmatchedBody.GetProperty("unmatched_index_hit").EnumerateArray().Select(e => e.GetInt32()));

        var (_, info) = await c.CallAsync(HttpMethod.Get, $"user/training-segment?job_id={jobId}");
        Assert.Equal([0], info.GetProperty("confirmed_index").EnumerateArray().Select(e => e.GetInt32()));

        using (var early = await c.CommitAsync(jobId))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("training data has not been uploaded", await early.Content.ReadAsStringAsync());
        }

        // Upload and confirm every sentence, in parallel.
        await Task.WhenAll(Enumerable.Range(1, 19).Select(async i =>
        {
            using var a = await c.PutAsync(Audio(i), EmulatorTestClient.RandomBytes(1000), "audio/wav");
            using var t = await c.PutAsync(Text(i), Encoding.UTF8.GetBytes($"sentence {i}"), "text/plain");
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Equal(HttpStatusCode.OK, t.StatusCode);
        }));
        for (var i = 1; i < 20; i++)
        {
            var (r, body) = await Confirm(i);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(body.GetProperty("confirm_result").GetBoolean());
        }
        var (_, all) = await c.CallAsync(HttpMethod.Get, $"user/training-segment?job_id={jobId}");
        Assert.Equal(Enumerable.Range(0, 20), all.GetProperty("confirmed_index").EnumerateArray().Select(e => e.GetInt32()));

        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        Assert.Equal(40, c.Emulator.Objects.Count);
    }

    [Fact]
    public async Task Confirm_on_package_job_or_without_parameters_is_400()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var jobId = (await c.CreateAsync("basic", """{"voice_name":"v"}""")).GetProperty("job_id").GetString()!;
        var (package, packageBody) = await c.CallAsync(HttpMethod.Post, $"user/training-segment?job_id={jobId}&index=0");
        Assert.Equal(HttpStatusCode.BadRequest, package.StatusCode);
        JsonAssert.Error(packageBody, "MSS.10000003", "SEGMENT");
        var (noIndex, noIndexBody) = await c.CallAsync(HttpMethod.Post, $"user/training-segment?job_id={jobId}");
        Assert.Equal(HttpStatusCode.BadRequest, noIndex.StatusCode);
        JsonAssert.Error(noIndexBody, "MSS.00000003", "index");
    }
}
