using System.Net;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorCreateAndAuthTests
{
    [Theory]
    [InlineData("basic", "BASIC")]
    [InlineData("middle", "MIDDLE")]
    [InlineData("advance", "ADVANCE")]
    [InlineData("third-party", "THIRD_PARTY")]
    public async Task Create_package_job_returns_exact_fields_and_stores_job(string edition, string jobType)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await c.CallAsync(HttpMethod.Post, $"user/{edition}-jobs",
            """{"voice_name":"Gentle female voice","tag":"ECOMMERCE","description":"It is a female voice.","sex":"FEMALE","language":"CN","create_type":"PACKAGE","phone":"123","batch_name":"b1","is_ondemand_resource":true,"supported_service":["VIDEO_2D"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(["job_id", "training_data_uploading_url", "authorization_letter_uploading_url"], JsonAssert.Names(body));
        var jobId = body.GetProperty("job_id").GetString()!;
        Assert.True(Guid.TryParse(jobId, out _));
        var zipUrl = new Uri(body.GetProperty("training_data_uploading_url").GetString()!);
        Assert.Equal($"/obs/metastudio-voice-training/{EmulatorTestClient.Project}/{jobId}/data.zip", zipUrl.AbsolutePath);
        Assert.Matches("^\\?AccessKeyId=[^&]+&Expires=[0-9]+&Signature=[^&]+$", zipUrl.Query);
        Assert.EndsWith("/authorization-letter", new Uri(body.GetProperty("authorization_letter_uploading_url").GetString()!).AbsolutePath);

        var job = c.Emulator.GetJob(jobId)!;
        Assert.Equal(jobType, job.JobType);
        Assert.Equal(JobStates.Creating, job.State);
        Assert.Equal(EmulatorTestClient.Project, job.ProjectId);
        Assert.Equal("ECOMMERCE", job.Tag);
        Assert.Equal("It is a female voice.", job.Description);
        Assert.Equal("b1", job.BatchName);

        var info = await c.GetJobAsync(jobId);
        Assert.Equal(jobType, info.GetProperty("job_type").GetString());
        Assert.Equal("CREATING", info.GetProperty("state").GetString());
        Assert.Equal("PACKAGE", info.GetProperty("create_type").GetString());
        Assert.Equal("Gentle female voice", info.GetProperty("voice_name").GetString());
        Assert.Equal(0, info.GetProperty("reject_times").GetInt32());
        Assert.True(info.GetProperty("is_ondemand_resource").GetBoolean());
        var created = info.GetProperty("create_time").GetInt64();
        Assert.InRange(created, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal(created, info.GetProperty("lastupdate_time").GetInt64());
        Assert.False(info.TryGetProperty("asset_id", out _)); // nulls omitted
        Assert.False(info.TryGetProperty("app_user_id", out _));
    }

    [Theory]
    [InlineData("basic", 20)]
    [InlineData("middle", 100)]
    public async Task Create_segment_job_returns_one_url_pair_per_sentence(string edition, int count)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var body = await c.CreateAsync(edition, """{"voice_name":"v","create_type":"SEGMENT"}""", appUserId: "user-1");
        Assert.Equal(["job_id", "segment_uploading_url", "authorization_letter_uploading_url"], JsonAssert.Names(body));
        var segments = body.GetProperty("segment_uploading_url");
        var audio = segments.GetProperty("audio_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToList();
        var text = segments.GetProperty("txt_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(count, audio.Count);
        Assert.Equal(count, text.Count);
        Assert.EndsWith($"/segments/{count - 1}.wav", new Uri(audio[^1]).AbsolutePath);
        Assert.EndsWith("/segments/0.txt", new Uri(text[0]).AbsolutePath);
        var job = c.Emulator.GetJob(body.GetProperty("job_id").GetString()!)!;
        Assert.Equal("SEGMENT", job.CreateType);
        Assert.Equal("user-1", job.AppUserId);
        Assert.Equal("FEMALE", job.Sex); // documented defaults
        Assert.Equal("CN", job.Language);
    }

    [Theory]
    [InlineData("advance")]
    [InlineData("third-party")]
    public async Task Segment_mode_is_refused_for_long_audio_editions(string edition)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await c.CallAsync(HttpMethod.Post, $"user/{edition}-jobs", """{"voice_name":"v","create_type":"SEGMENT"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Error(body, "MSS.10000003", "create_type");
        Assert.Empty(c.Emulator.Jobs);
    }

    [Fact]
    public async Task Missing_or_wrong_token_is_401_and_wrong_project_is_400()
    {
        await using var c = await EmulatorTestClient.StartAsync(o => o.Tokens["other-token"] = "ffffffffffffffffffffffffffffffff");
        const string json = """{"voice_name":"v"}""";

        var (missing, missingBody) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", json, token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        JsonAssert.Error(missingBody, "APIGW.0301", "Incorrect IAM authentication information");
        Assert.Matches("^[0-9a-f]{32}$", missing.Headers.GetValues("X-Request-Id").Single());

        var (wrong, wrongBody) = await c.CallAsync(HttpMethod.Get, "user/jobs", token: "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        JsonAssert.Error(wrongBody, "APIGW.0301");

        var (mismatch, mismatchBody) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", json, token: "other-token");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        JsonAssert.Error(mismatchBody, "MSS.00010009", "urlTenantId is not equal tokenTenantId");

        var (ok, _) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", json, token: "other-token", project: "ffffffffffffffffffffffffffffffff");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(c.Emulator.Jobs);
    }

    [Theory]
    [InlineData("""{"voice_name":"v"}""", "text/plain", "MSS.10000002", "Request JSON exception")]
    [InlineData("""{"voice_name":""", "application/json", "MSS.10000002", "Request JSON exception")]
    [InlineData("[1,2]", "application/json", "MSS.10000002", "Request JSON exception")]
    [InlineData("{}", "application/json", "MSS.10000003", "Parameter validation abnormal: voice_name is required")]
    [InlineData("""{"voice_name":""}""", "application/json; charset=utf-8", "MSS.10000003", "voice_name is required")]
    [InlineData("""{"voice_name":"v","tag":"SPORTS"}""", "application/json", "MSS.10000003", "tag")]
    [InlineData("""{"voice_name":"v","sex":"OTHER"}""", "application/json", "MSS.10000003", "sex")]
    [InlineData("""{"voice_name":"v","language":"DE"}""", "application/json", "MSS.10000003", "language")]
    [InlineData("""{"voice_name":"v","create_type":"ZIP"}""", "application/json", "MSS.10000003", "create_type")]
    [InlineData("""{"voice_name":"v","supported_service":["VIDEO_3D"]}""", "application/json", "MSS.10000003", "supported_service")]
    [InlineData("""{"voice_name":42}""", "application/json", "MSS.10000003", "voice_name")]
    public async Task Create_validation_errors(string json, string contentType, string code, string message)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", json, contentType: contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Error(body, code, message);
        Assert.Empty(c.Emulator.Jobs);
    }

    [Fact]
    public async Task Non_ascii_app_user_id_is_refused()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", """{"voice_name":"v"}""", appUserId: "用户");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Error(body, "MSS.00000003", "X-App-UserId");
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_have_service_errors()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (notFound, notFoundBody) = await c.CallAsync(HttpMethod.Get, "user/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        JsonAssert.Error(notFoundBody, "MSS.00010003", "SR.api not found");
        Assert.True(notFound.Headers.Contains("X-Request-Id"));

        var (method, methodBody) = await c.CallAsync(HttpMethod.Patch, "user/jobs/abc");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        JsonAssert.Error(methodBody, "MSS.00010004");
    }

    [Fact]
    public async Task Unknown_job_is_400_job_not_found_and_delete_refuses_processing()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (missing, missingBody) = await c.CallAsync(HttpMethod.Get, "user/jobs/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        JsonAssert.Error(missingBody, "MSS.00000003", "job not found: 00000000-0000-0000-0000-000000000000");

        var a = (await c.CreateAsync("basic", """{"voice_name":"a"}""")).GetProperty("job_id").GetString()!;
        var b = (await c.CreateAsync("basic", """{"voice_name":"b"}""")).GetProperty("job_id").GetString()!;
        Assert.True(c.Emulator.SetJobState(b, JobStates.Processing));

        var (refused, refusedBody) = await c.CallAsync(HttpMethod.Delete, $"user/jobs/{b}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        JsonAssert.Error(refusedBody, "MSS.10000003", "job in state PROCESSING cannot be deleted");

        var (deleted, deletedBody) = await c.CallAsync(HttpMethod.Delete, $"user/jobs/{a}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(JsonValueKind.Object, deletedBody.ValueKind);
        Assert.Empty(JsonAssert.Names(deletedBody));
        Assert.Null(c.Emulator.GetJob(a));
        Assert.Equal([b], c.Emulator.Jobs.Select(j => j.JobId));
    }
}
