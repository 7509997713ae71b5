using System.Net;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorThrottlingTests
{
    private const string Other = "ffffffffffffffffffffffffffffffff";
    private static readonly DateTimeOffset T0 = new(2024, 3, 15, 8, 30, 0, TimeSpan.Zero);

    private static async Task<HttpStatusCode> GetAsync(EmulatorTestClient c, string token = EmulatorTestClient.Token, string project = EmulatorTestClient.Project)
    {
        using var response = await c.SendAsync(HttpMethod.Get, "user/jobs", token: token, project: project);
        return response.StatusCode;
    }

    [Fact]
    public async Task Over_the_limit_is_429_APIGW_0308_with_Retry_After_per_project_per_second()
    {
        var clock = new ManualClock(T0.AddMilliseconds(100));
        await using var c = await EmulatorTestClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.RateLimitPerSecond = 2;
            o.Tokens["other-token"] = Other;
        });
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c));

        var (throttled, body) = await c.CallAsync(HttpMethod.Get, "user/jobs");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("1", throttled.Headers.GetValues("Retry-After").Single());
        JsonAssert.Error(body, "APIGW.0308", "The request is throttled.");

        // Another project has its own window.
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c, "other-token", Other));
        // Unauthenticated requests are refused before throttling.
        using (var anonymous = await c.SendAsync(HttpMethod.Get, "user/jobs", token: null)) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        clock.Advance(TimeSpan.FromMilliseconds(900)); // next second
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(c));
        Assert.Equal(2, c.Emulator.Requests.Count(r => r.StatusCode == 429));
    }

    [Fact]
    public async Task Off_by_default()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        for (var i = 0; i < 30; i++) Assert.Equal(HttpStatusCode.OK, await GetAsync(c));
    }

    [Fact]
    public async Task Admin_switch_turns_throttling_on_and_off()
    {
        var clock = new ManualClock(T0);
        await using var c = await EmulatorTestClient.StartAsync(o => o.TimeProvider = clock);

        async Task<JsonElement> Post(string json, HttpStatusCode expected)
        {
            using var response = await c.Http.PostAsync("_emulator/throttle", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(expected, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.Clone();
        }

        Assert.Equal(1, (await Post("""{"perSecond": 1}""", HttpStatusCode.OK)).GetProperty("perSecond").GetInt32());
        Assert.Equal(1, c.Emulator.Options.RateLimitPerSecond);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(c));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(c));

        Assert.Contains("\"perSecond\":1", await c.Http.GetStringAsync("_emulator/throttle"));

        Assert.Equal(JsonValueKind.Null, (await Post("""{"perSecond": null}""", HttpStatusCode.OK)).GetProperty("perSecond").ValueKind);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, await GetAsync(c));

        await Post("""{"perSecond": 0}""", HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(c));

        JsonAssert.Error(await Post("""{"perSecond": -1}""", HttpStatusCode.BadRequest), "MSS.10000003", "perSecond");
        JsonAssert.Error(await Post("""{}""", HttpStatusCode.BadRequest), "MSS.10000003", "perSecond");
    }

    [Fact]
    public async Task Quotas_count_down_per_create_and_stay_at_zero()
    {
        await using var c = await EmulatorTestClient.StartAsync(o =>
        {
            o.Quotas["basic"] = 2;
            o.Quotas["middle_on_demand"] = 1;
            o.Tokens["other-token"] = Other;
        });

        async Task<JsonElement> Available(string token = EmulatorTestClient.Token, string project = EmulatorTestClient.Project)
        {
            var (response, body) = await c.CallAsync(HttpMethod.Get, "quotas", token: token, project: project);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return body.GetProperty("resource_available_nums");
        }

        var start = await Available();
        Assert.Equal(2, start.GetProperty("basic").GetInt32());
        Assert.Equal(100, start.GetProperty("middle").GetInt32());
        Assert.Equal(100, start.GetProperty("advance").GetInt32());
        Assert.Equal(100, start.GetProperty("third_party_cmww").GetInt32());
        Assert.Equal(1, start.GetProperty("middle_on_demand").GetInt32());
        Assert.Equal(0, start.GetProperty("flexus").GetInt32());

        var first = (await c.CreateAsync("basic", """{"voice_name":"a"}""")).GetProperty("job_id").GetString()!;
        Assert.Equal(1, (await Available()).GetProperty("basic").GetInt32());
        await c.CreateAsync("basic", """{"voice_name":"b"}""");
        Assert.Equal(0, (await Available()).GetProperty("basic").GetInt32());
        await c.CreateAsync("basic", """{"voice_name":"c"}"""); // nothing left: still created (on demand)
        Assert.Equal(3, c.Emulator.Jobs.Count);
        Assert.Equal(0, (await Available()).GetProperty("basic").GetInt32());

        // Deleting gives nothing back.
        Assert.Equal(HttpStatusCode.OK, (await c.CallAsync(HttpMethod.Delete, $"user/jobs/{first}")).Response.StatusCode);
        Assert.Equal(0, (await Available()).GetProperty("basic").GetInt32());

        await c.CreateAsync("middle", """{"voice_name":"m","is_ondemand_resource":true}""");
        await c.CreateAsync("middle", """{"voice_name":"n"}""");
        await c.CreateAsync("advance", """{"voice_name":"x"}""");
        await c.CreateAsync("third-party", """{"voice_name":"y"}""");
        var after = await Available();
        Assert.Equal(0, after.GetProperty("middle_on_demand").GetInt32());
        Assert.Equal(99, after.GetProperty("middle").GetInt32());
        Assert.Equal(99, after.GetProperty("advance").GetInt32());
        Assert.Equal(99, after.GetProperty("third_party_cmww").GetInt32());

        // The resources list follows, and another project has its own counts.
        var (_, full) = await c.CallAsync(HttpMethod.Get, "quotas");
        var basic = full.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("resource_type").GetString() == "BASIC");
        Assert.Equal(2, basic.GetProperty("resource_nums").GetInt32());
        Assert.Equal(0, basic.GetProperty("resource_available_nums").GetInt32());
        Assert.Equal(full.GetProperty("resources").GetArrayLength(), full.GetProperty("count").GetInt32());
        Assert.Equal(2, (await Available("other-token", Other)).GetProperty("basic").GetInt32());
    }
}
