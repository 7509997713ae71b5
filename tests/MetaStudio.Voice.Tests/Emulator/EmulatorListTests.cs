using System.Net;
using System.Text.Json;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorListTests
{
    private static IReadOnlyList<string> Names(JsonElement list) =>
        list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("voice_name").GetString()!).ToList();

    [Fact]
    public async Task List_filters_pages_and_sorts()
    {
        var start = new DateTimeOffset(2024, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        await using var c = await EmulatorTestClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.Tokens["other"] = "ffffffffffffffffffffffffffffffff";
        });

        var ids = new List<string>();
        foreach (var (name, tag, edition, user) in new[]
                 {
                     ("alpha", "NEWS", "basic", (string?)null), ("beta", "LIVE", "middle", "u1"), ("gamma", "NEWS", "advance", "u1"),
                     ("delta", "EDUCATION", "basic", "u2"), ("epsilon", "NEWS", "third-party", null),
                 })
        {
            var json = JsonSerializer.Serialize(new { voice_name = name, tag, batch_name = name == "delta" ? "batch-x" : null });
            ids.Add((await c.CreateAsync(edition, json, user)).GetProperty("job_id").GetString()!);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var (otherResponse, _) = await c.CallAsync(HttpMethod.Post, "user/basic-jobs", """{"voice_name":"foreign"}""",
            token: "other", project: "ffffffffffffffffffffffffffffffff");
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        c.Emulator.SetJobState(ids[1], "FAILED");
        clock.Advance(TimeSpan.FromMinutes(1));
        c.Emulator.SetJobState(ids[0], "SUCCEED");

        async Task<JsonElement> List(string query, string? appUserId = null)
        {
            var (response, body) = await c.CallAsync(HttpMethod.Get, "user/jobs" + query, appUserId: appUserId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return body;
        }

        var all = await List("");
        Assert.Equal(5, all.GetProperty("count").GetInt32());
        Assert.Equal(["epsilon", "delta", "gamma", "beta", "alpha"], Names(all)); // create_time desc by default

        var page = await List("?offset=1&limit=2&sort_dir=asc");
        Assert.Equal(5, page.GetProperty("count").GetInt32());
        Assert.Equal(["beta", "gamma"], Names(page));

        Assert.Equal(["alpha", "beta", "epsilon"], Names(await List("?sort_key=update_time&sort_dir=desc&limit=3")));
        Assert.Equal(["alpha", "beta"], Names(await List("?state=SUCCEED,FAILED&sort_dir=asc")));
        Assert.Equal(["epsilon", "gamma", "alpha"], Names(await List("?tag=NEWS")));
        Assert.Equal(["gamma"], Names(await List("?voice_name=GAM")));
        Assert.Equal(["beta"], Names(await List("?job_type=MIDDLE")));
        Assert.Equal(["delta"], Names(await List("?batch_name=batch-x")));
        Assert.Equal(["alpha"], Names(await List($"?job_id={ids[0]}")));
        Assert.Equal(["gamma", "beta"], Names(await List("", appUserId: "u1")));
        Assert.Equal(["delta", "gamma"], Names(await List("?create_since=2024-01-02T03:02:00Z&create_until=2024-01-02T03:03:00Z")));
        Assert.Equal(["alpha"], Names(await List("?update_since=2024-01-02T03:06:00Z")));
        Assert.Equal(["beta", "alpha"], Names(await List("?create_until=2024-01-02T03:01:00Z")));

        var first = all.GetProperty("jobs")[4];
        Assert.Equal(ids[0], first.GetProperty("job_id").GetString());
        Assert.Equal("BASIC", first.GetProperty("job_type").GetString());
        Assert.Equal(start.ToUnixTimeMilliseconds(), first.GetProperty("create_time").GetInt64());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?offset=-1")]
    [InlineData("?limit=abc")]
    [InlineData("?create_since=2024-01-02")]
    [InlineData("?update_until=yesterday")]
    [InlineData("?sort_key=name")]
    [InlineData("?sort_dir=up")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await c.CallAsync(HttpMethod.Get, "user/jobs" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Error(body, "MSS.00000003");
    }
}
