using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorFaultTests
{
    private const string CreateJson = """{"voice_name":"v"}""";

    private static FaultPlan Plan(params FaultRule[] rules) => new() { Seed = 7, Rules = rules.ToList() };

    private static Task<EmulatorTestClient> Start(params FaultRule[] rules) =>
        EmulatorTestClient.StartAsync(o => o.Faults = Plan(rules));

    private static async Task<(int Status, string Body, HttpResponseMessage Response)> Create(EmulatorTestClient c)
    {
        var response = await c.SendAsync(HttpMethod.Post, "user/advance-jobs", CreateJson);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string XmlCode(string xml) =>
        System.Xml.Linq.XDocument.Parse(xml).Root!.Element("Code")!.Value;

    [Theory]
    [InlineData(FaultKind.Status503, 503, "APIGW.0206", true)]
    [InlineData(FaultKind.Status500, 500, "MSS.00000001", false)]
    [InlineData(FaultKind.Status502, 502, "APIGW.0202", false)]
    [InlineData(FaultKind.Status504, 504, "APIGW.0203", false)]
    [InlineData(FaultKind.Throttle429, 429, "APIGW.0308", true)]
    [InlineData(FaultKind.ExpireToken, 401, "APIGW.0301", false)]
    public async Task Rest_status_faults_answer_json_errors(FaultKind kind, int status, string code, bool retryAfter)
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Create, Kind = kind, FirstN = 1, RetryAfterSeconds = 3 });
        var (first, body, response) = await Create(c);
        Assert.Equal(status, first);
        using (var doc = JsonDocument.Parse(body)) JsonAssert.Error(doc.RootElement, code);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        if (retryAfter) Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        else Assert.Null(response.Headers.RetryAfter);
        Assert.Empty(c.Emulator.Jobs); // the handler never ran

        var (second, _, _) = await Create(c); // FirstN = 1: the next one goes through
        Assert.Equal(200, second);
        Assert.Equal([status, 200], c.Emulator.Requests.Select(r => r.StatusCode));
        var injected = Assert.Single(c.Emulator.InjectedFaults);
        Assert.Equal((FaultRoutes.Create, kind, "POST"), (injected.Route, injected.Kind, injected.Method));
        Assert.EndsWith("/user/advance-jobs", injected.Path);
    }

    [Theory]
    [InlineData(FaultKind.ObsRequestTimeout, 400, "RequestTimeout", false)]
    [InlineData(FaultKind.ObsSlowDown, 503, "SlowDown", true)]
    [InlineData(FaultKind.ObsInternalError, 500, "InternalError", false)]
    [InlineData(FaultKind.Status503, 503, "ServiceUnavailable", true)]
    [InlineData(FaultKind.ExpireToken, 403, "AccessDenied", false)]
    public async Task Upload_faults_answer_obs_xml(FaultKind kind, int status, string code, bool retryAfter)
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Upload, Kind = kind, FirstN = 1 });
        var created = await c.CreateAsync("advance", CreateJson);
        var url = created.GetProperty("training_data_uploading_url").GetString()!;
        using (var failed = await c.PutAsync(url, new byte[100_000], "application/zip"))
        {
            Assert.Equal(status, (int)failed.StatusCode);
            Assert.Equal("application/xml", failed.Content.Headers.ContentType!.MediaType);
            Assert.Equal(code, XmlCode(await failed.Content.ReadAsStringAsync()));
            Assert.True(failed.Headers.Contains("x-obs-request-id"));
            if (retryAfter) Assert.Equal(TimeSpan.FromSeconds(1), failed.Headers.RetryAfter!.Delta);
        }
        Assert.Empty(c.Emulator.Objects);
        using (var ok = await c.PutAsync(url, new byte[10], "application/zip")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(c.Emulator.Objects);
        Assert.Equal([200, status, 200], c.Emulator.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task DropConnection_aborts_without_an_answer_and_records_status_0()
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.DropConnection, FirstN = 1 });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => c.SendAsync(HttpMethod.Post, "user/advance-jobs", CreateJson));
        Assert.True(e is HttpRequestException or IOException, e.ToString());
        Assert.Empty(c.Emulator.Jobs);
        SpinWait.SpinUntil(() => c.Emulator.Requests.Count >= 1, TimeSpan.FromSeconds(5)); // recorded after the abort
        Assert.Equal(0, Assert.Single(c.Emulator.Requests).StatusCode);
        var (status, _, _) = await Create(c);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task DropConnection_after_bytes_reads_part_of_an_upload_then_aborts_and_stores_nothing()
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.DropConnection, FirstN = 1, AfterBytes = 100_000 });
        var created = await c.CreateAsync("advance", CreateJson);
        var url = created.GetProperty("training_data_uploading_url").GetString()!;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => c.PutAsync(url, new byte[4 * 1024 * 1024], "application/zip"));
        Assert.True(e is HttpRequestException or IOException, e.ToString());
        Assert.Empty(c.Emulator.Objects);
        // The client may see the abort before the server has finished recording it.
        SpinWait.SpinUntil(() => c.Emulator.Requests.Count >= 2, TimeSpan.FromSeconds(5));
        Assert.Equal([200, 0], c.Emulator.Requests.Select(r => r.StatusCode));
        using var retry = await c.PutAsync(url, new byte[1000], "application/zip");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task ResponseLost_creates_the_job_although_the_client_saw_a_dropped_connection()
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.ResponseLost, FirstN = 1 });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => c.SendAsync(HttpMethod.Post, "user/advance-jobs", """{"voice_name":"lost"}"""));
        Assert.True(e is HttpRequestException or IOException, e.ToString());
        SpinWait.SpinUntil(() => c.Emulator.Requests.Count >= 1 && c.Emulator.Jobs.Count >= 1, TimeSpan.FromSeconds(5)); // recorded after the abort
        var job = Assert.Single(c.Emulator.Jobs);
        Assert.Equal("lost", job.VoiceName);
        Assert.Equal(0, Assert.Single(c.Emulator.Requests).StatusCode);

        var (_, list) = await c.CallAsync(HttpMethod.Get, "user/jobs?voice_name=lost");
        Assert.Equal(1, list.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ResponseLost_on_upload_stores_the_object()
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.ResponseLost, FirstN = 1 });
        var created = await c.CreateAsync("advance", CreateJson);
        var data = EmulatorTestClient.RandomBytes(200_000);
        await Assert.ThrowsAnyAsync<Exception>(() => c.PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, data, "application/zip"));
        Assert.Equal(EmulatorTestClient.Md5Hex(data), Assert.Single(c.Emulator.Objects).Md5Hex);
    }

    [Fact]
    public async Task SlowRead_delays_each_chunk_but_the_upload_succeeds()
    {
        await using var c = await Start(new FaultRule
        {
            Route = FaultRoutes.Upload, Kind = FaultKind.SlowRead, AfterBytes = 16 * 1024, Delay = TimeSpan.FromMilliseconds(60),
        });
        var created = await c.CreateAsync("advance", CreateJson);
        var data = EmulatorTestClient.RandomBytes(64 * 1024);
        var watch = Stopwatch.StartNew();
        using var response = await c.PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, data, "application/zip");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(4 * 60 - 20), $"took {watch.Elapsed}");
        Assert.Equal(EmulatorTestClient.Md5Hex(data), Assert.Single(c.Emulator.Objects).Md5Hex);
        Assert.Equal(FaultKind.SlowRead, Assert.Single(c.Emulator.InjectedFaults).Kind);
    }

    [Fact]
    public async Task SkipFirst_and_FirstN_pick_exact_requests_and_other_routes_are_untouched()
    {
        await using var c = await Start(new FaultRule { Route = FaultRoutes.Show, Kind = FaultKind.ExpireToken, SkipFirst = 2, FirstN = 2 });
        var created = await c.CreateAsync("advance", CreateJson);
        var jobId = created.GetProperty("job_id").GetString()!;
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var r = await c.SendAsync(HttpMethod.Get, $"user/jobs/{jobId}");
            statuses.Add((int)r.StatusCode);
            using var list = await c.SendAsync(HttpMethod.Get, "user/jobs");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        Assert.Equal([200, 200, 401, 401, 200], statuses);
    }

    private static async Task<List<int>> RunCreates(EmulatorTestClient c, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++) statuses.Add((await Create(c)).Status);
        return statuses;
    }

    [Fact]
    public async Task Probability_with_a_fixed_seed_reproduces_the_same_sequence()
    {
        var rules = new[]
        {
            new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.Status503, Probability = 0.3 },
            new FaultRule { Route = FaultRoutes.Any, Kind = FaultKind.Throttle429, Probability = 0.2 },
        };
        List<int> first, second;
        await using (var a = await EmulatorTestClient.StartAsync(o => o.Faults = new FaultPlan { Seed = 42, Rules = rules.ToList() }))
            first = await RunCreates(a, 40);
        await using (var b = await EmulatorTestClient.StartAsync(o => o.Faults = new FaultPlan { Seed = 42, Rules = rules.ToList() }))
        {
            second = await RunCreates(b, 40);
            Assert.Equal(first.Count(s => s != 200), b.Emulator.InjectedFaults.Count);
            // Setting the plan again restarts the sequences.
            b.Emulator.SetFaults(new FaultPlan { Seed = 42, Rules = rules.ToList() });
            Assert.Equal(first, await RunCreates(b, 40));
            b.Emulator.SetFaults(new FaultPlan { Seed = 43, Rules = rules.ToList() });
            Assert.NotEqual(first, await RunCreates(b, 40));
        }
        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(503, first);
        Assert.Contains(429, first);
    }

    [Fact]
    public async Task Admin_api_sets_reads_and_clears_the_plan()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var plan = """{"seed":5,"rules":[{"route":"create","kind":"Throttle429","probability":1,"first_n":1,"retry_after_seconds":4}]}""";
        using (var set = await c.Http.PostAsync("_emulator/faults", new StringContent(plan, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            using var echo = JsonDocument.Parse(await set.Content.ReadAsStringAsync());
            Assert.Equal("Throttle429", echo.RootElement.GetProperty("rules")[0].GetProperty("kind").GetString());
        }
        Assert.Equal(5, c.Emulator.Faults!.Seed);

        var (status, _, response) = await Create(c);
        Assert.Equal(429, status);
        Assert.Equal(TimeSpan.FromSeconds(4), response.Headers.RetryAfter!.Delta);

        using (var get = await c.Http.GetAsync("_emulator/faults"))
        {
            using var doc = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            Assert.Equal(5, doc.RootElement.GetProperty("plan").GetProperty("seed").GetInt32());
            var injected = Assert.Single(doc.RootElement.GetProperty("injected").EnumerateArray());
            Assert.Equal("create", injected.GetProperty("route").GetString());
            Assert.Equal("Throttle429", injected.GetProperty("kind").GetString());
        }

        // Admin routes are never faulted, even by "any".
        using (var any = await c.Http.PostAsync("_emulator/faults", new StringContent(
                   """{"rules":[{"route":"any","kind":"Status500"}]}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        Assert.Equal(500, (await Create(c)).Status);

        using (var clear = await c.Http.DeleteAsync("_emulator/faults")) Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Null(c.Emulator.Faults);
        Assert.Equal(200, (await Create(c)).Status);

        using var bad = await c.Http.PostAsync("_emulator/faults", new StringContent(
            """{"rules":[{"route":"nowhere","kind":"Status500"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var badKind = await c.Http.PostAsync("_emulator/faults", new StringContent(
            """{"rules":[{"route":"create","kind":"Explode"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }

    [Fact]
    public void Cli_fault_specs_parse()
    {
        var rule = FaultRule.Parse("upload:dropconnection:0.5:3:afterBytes=65536:skip=1:delayMs=20:retryAfter=2");
        Assert.Equal((FaultRoutes.Upload, FaultKind.DropConnection, 0.5, 3, 65536, 1, TimeSpan.FromMilliseconds(20), 2),
            (rule.Route, rule.Kind, rule.Probability, rule.FirstN, rule.AfterBytes, rule.SkipFirst, rule.Delay, rule.RetryAfterSeconds));
        Assert.Equal("create:Status503:1", FaultRule.Parse("create:Status503:1").ToString());
        Assert.Throws<ArgumentException>(() => FaultRule.Parse("nowhere:Status503:1"));
        Assert.Throws<ArgumentException>(() => FaultRule.Parse("create:Nope:1"));
        Assert.Throws<ArgumentException>(() => FaultRule.Parse("create:Status503:1.5"));
        Assert.Throws<ArgumentException>(() => FaultRule.Parse("create:Status503"));
    }

    [Theory]
    [InlineData("POST", "/v1/p/voice-training-manage/user/basic-jobs", "create")]
    [InlineData("POST", "/v1/p/voice-training-manage/user/short-jobs", "create")]
    [InlineData("POST", "/v1/p/voice-training-manage/user/jobs/j", "commit")]
    [InlineData("GET", "/v1/p/voice-training-manage/user/jobs/j", "show")]
    [InlineData("GET", "/v1/p/voice-training-manage/user/jobs", "list")]
    [InlineData("DELETE", "/v1/p/voice-training-manage/user/jobs/j", "delete")]
    [InlineData("GET", "/v1/p/voice-training-manage/user/jobs/j/uploading-address-url", "uploading-address")]
    [InlineData("POST", "/v1/p/voice-training-manage/user/training-segment", "segment-confirm")]
    [InlineData("GET", "/v1/p/voice-training-manage/user/training-segment", "segment-info")]
    [InlineData("PUT", "/obs/bucket/p/j/data.zip", "upload")]
    [InlineData("POST", "/v3/auth/tokens", "iam")]
    [InlineData("GET", "/v1/p/voice-training-manage/quotas", "other")]
    [InlineData("GET", "/v1/p/voice-training-manage/user/jobs/j/audit-result", "other")]
    public void Routes_are_classified(string method, string path, string route) =>
        Assert.Equal(route, FaultRoutes.Classify(method, path));
}
