using System.Net;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorAuthIamTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 15, 8, 30, 0, TimeSpan.Zero);

    private static string PasswordBody(string domain = EmulatorIamUser.DefaultDomainName, string user = EmulatorIamUser.DefaultUserName,
        string password = EmulatorIamUser.DefaultPassword, string scope = """{"name":"cn-north-4"}""") =>
        "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user + "\",\"password\":\"" + password +
        "\",\"domain\":{\"name\":\"" + domain + "\"}}}},\"scope\":{\"project\":" + scope + "}}}";

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SignInAsync(EmulatorTestClient c, string body,
        string query = "?nocatalog=true", string contentType = "application/json;charset=utf8")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await c.Http.PostAsync("v3/auth/tokens" + query, content);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response, doc.RootElement.Clone());
    }

    private static void IamError(JsonElement body, int code, string title, string? message = null)
    {
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(title, error.GetProperty("title").GetString());
        if (message is not null) Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Sign_in_returns_201_with_subject_token_and_token_body()
    {
        var clock = new ManualClock(T0);
        await using var c = await EmulatorTestClient.StartAsync(o => o.TimeProvider = clock);
        var (response, body) = await SignInAsync(c, PasswordBody());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        Assert.StartsWith("MII", token);
        var t = body.GetProperty("token");
        Assert.Equal("2024-03-16T08:30:00.000000Z", t.GetProperty("expires_at").GetString());
        Assert.Equal("2024-03-15T08:30:00.000000Z", t.GetProperty("issued_at").GetString());
        Assert.Equal(["password"], t.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(EmulatorOptions.DefaultProjectId, t.GetProperty("project").GetProperty("id").GetString());
        Assert.Equal("cn-north-4", t.GetProperty("project").GetProperty("name").GetString());
        Assert.Equal("emulator-domain", t.GetProperty("project").GetProperty("domain").GetProperty("name").GetString());
        Assert.Equal("emulator-user", t.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("emulator-domain", t.GetProperty("user").GetProperty("domain").GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{32}$", t.GetProperty("user").GetProperty("id").GetString()!);
        Assert.False(t.TryGetProperty("catalog", out _));

        // Scoped by project id, with the catalog, a second token.
        var (again, againBody) = await SignInAsync(c, PasswordBody(scope: "{\"id\":\"" + EmulatorOptions.DefaultProjectId + "\"}"), query: "");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.NotEqual(token, again.Headers.GetValues("X-Subject-Token").Single());
        Assert.Equal("metastudio", againBody.GetProperty("token").GetProperty("catalog")[0].GetProperty("type").GetString());

        // The token works on the MetaStudio routes of its project.
        var (list, _) = await c.CallAsync(HttpMethod.Get, "user/jobs", token: token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory]
    [InlineData("emulator-domain", "emulator-user", "wrong")]
    [InlineData("emulator-domain", "someone", "emulator-password")]
    [InlineData("other-domain", "emulator-user", "emulator-password")]
    public async Task Wrong_credentials_are_401_in_IAM_shape(string domain, string user, string password)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, body) = await SignInAsync(c, PasswordBody(domain, user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        IamError(body, 401, "Unauthorized", "The username or password is wrong.");
        Assert.False(response.Headers.Contains("X-Subject-Token"));
    }

    [Theory]
    [InlineData("""{"auth":{}}""", "application/json")]
    [InlineData("""{"auth":""", "application/json")]
    [InlineData("""{"auth":{"identity":{"methods":["token"]}}}""", "application/json")]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"emulator-user","password":"emulator-password","domain":{"name":"emulator-domain"}}}}}}""", "application/json")]
    [InlineData("x", "text/plain")]
    public async Task Malformed_sign_in_body_is_400(string body, string contentType)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (response, json) = await SignInAsync(c, body, contentType: contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        IamError(json, 400, "Bad Request");
    }

    [Fact]
    public async Task Scope_outside_the_users_project_is_refused()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var (byName, byNameBody) = await SignInAsync(c, PasswordBody(scope: """{"name":"cn-east-3"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, byName.StatusCode);
        IamError(byNameBody, 401, "Unauthorized");
        var (byId, _) = await SignInAsync(c, PasswordBody(scope: """{"id":"ffffffffffffffffffffffffffffffff"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, byId.StatusCode);
    }

    [Fact]
    public async Task Issued_token_works_until_it_expires_and_only_for_its_project()
    {
        const string other = "ffffffffffffffffffffffffffffffff";
        var clock = new ManualClock(T0);
        await using var c = await EmulatorTestClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.IamTokenLifetime = TimeSpan.FromSeconds(30);
            o.IamUsers.Add(new EmulatorIamUser { DomainName = "d2", UserName = "u2", Password = "p@ss", ProjectId = other });
        });
        var (response, body) = await SignInAsync(c, PasswordBody());
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        Assert.Equal("2024-03-15T08:30:30.000000Z", body.GetProperty("token").GetProperty("expires_at").GetString());

        Assert.Equal(HttpStatusCode.OK, (await c.CallAsync(HttpMethod.Get, "user/jobs", token: token)).Response.StatusCode);
        var (mismatch, mismatchBody) = await c.CallAsync(HttpMethod.Get, "user/jobs", token: token, project: other);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        JsonAssert.Error(mismatchBody, "MSS.00010009");

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await c.CallAsync(HttpMethod.Get, "user/jobs", token: token)).Response.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (expired, expiredBody) = await c.CallAsync(HttpMethod.Get, "user/jobs", token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        JsonAssert.Error(expiredBody, "APIGW.0301", "token has expired");

        // The second user's project is also named cn-north-4 (not in the table).
        var (second, secondBody) = await SignInAsync(c, PasswordBody("d2", "u2", "p@ss"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(other, secondBody.GetProperty("token").GetProperty("project").GetProperty("id").GetString());
        var secondToken = second.Headers.GetValues("X-Subject-Token").Single();
        Assert.Equal(HttpStatusCode.OK, (await c.CallAsync(HttpMethod.Get, "user/jobs", token: secondToken, project: other)).Response.StatusCode);
    }

    [Fact]
    public async Task Recorded_sign_in_requests_never_hold_the_password()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        await SignInAsync(c, PasswordBody());
        await SignInAsync(c, PasswordBody(password: "secret-wrong-one"));
        await SignInAsync(c, """{"auth":{"identity":{"password":{"user":{"password":"half-a-secr""");

        var recorded = c.Emulator.Requests.Where(r => r.Path == "/v3/auth/tokens").ToList();
        Assert.Equal([201, 401, 400], recorded.Select(r => r.StatusCode));
        foreach (var r in recorded)
        {
            Assert.DoesNotContain("emulator-password", r.Body);
            Assert.DoesNotContain("secret-wrong-one", r.Body);
            Assert.DoesNotContain("half-a-secr", r.Body);
            Assert.Contains("***", r.Body);
        }
        using var doc = JsonDocument.Parse(recorded[0].Body!);
        var user = doc.RootElement.GetProperty("auth").GetProperty("identity").GetProperty("password").GetProperty("user");
        Assert.Equal("***", user.GetProperty("password").GetString());
        Assert.Equal("emulator-user", user.GetProperty("name").GetString());

        var admin = await c.Http.GetStringAsync("_emulator/requests");
        Assert.DoesNotContain("emulator-password", admin);
    }
}
