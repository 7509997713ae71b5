using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

/// <summary>
/// A second, tiny SDK-HMAC-SHA256 signer written straight from reference §3.2 for these tests (neither the module's
/// signer nor the emulator's verifier). Signs exactly the headers given (names lower-cased, sorted).
/// </summary>
internal static class TestSigner
{
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");

    public static string Authorization(string ak, string sk, string method, string path, string query,
        IDictionary<string, string> headers, byte[]? body, string sdkDate)
    {
        static string Enc(string s) => string.Concat(Encoding.UTF8.GetBytes(s).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}"));
        var uri = string.Join('/', Uri.UnescapeDataString(path).Split('/').Select(Enc));
        if (!uri.EndsWith('/')) uri += "/";
        var q = string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => (K: Uri.UnescapeDataString(p[0]), V: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => Enc(p.K) + "=" + Enc(p.V)));
        var sorted = headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim())).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        var signed = string.Join(';', sorted.Select(h => h.Name));
        var canonical = $"{method}\n{uri}\n{q}\n{string.Concat(sorted.Select(h => $"{h.Name}:{h.Value}\n"))}\n{signed}\n" +
            Convert.ToHexStringLower(SHA256.HashData(body ?? []));
        var toSign = $"SDK-HMAC-SHA256\n{sdkDate}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sk), Encoding.UTF8.GetBytes(toSign)));
        return $"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={signed}, Signature={signature}";
    }

    /// <summary>
    /// A request to <paramref name="relative"/> (relative to the emulator) signed over Host (as HttpClient will send
    /// it: host:port), X-Sdk-Date, optional X-Project-Id / Content-Type / extra headers. <paramref name="unsent"/>
    /// names signed headers that are then left out of the request.
    /// </summary>
    public static HttpRequestMessage Signed(Uri baseUri, HttpMethod method, string relative, string? json, DateTimeOffset at,
        string ak = EmulatorAccessKey.DefaultAccessKey, string sk = EmulatorAccessKey.DefaultSecretKey, string? projectHeader = EmulatorOptions.DefaultProjectId,
        IDictionary<string, string>? extra = null, IEnumerable<string>? unsent = null, string? sdkDate = null, bool signHost = true)
    {
        var url = new Uri(baseUri, relative);
        var request = new HttpRequestMessage(method, url);
        var date = sdkDate ?? Date(at);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Sdk-Date"] = date };
        if (signHost) headers["Host"] = url.Authority;
        if (projectHeader is not null) headers["X-Project-Id"] = projectHeader;
        byte[]? body = null;
        if (json is not null)
        {
            body = Encoding.UTF8.GetBytes(json);
            headers["Content-Type"] = "application/json";
        }
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) headers[k] = v;
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(ak, sk, method.Method, url.AbsolutePath, url.Query, headers, body, date));
        var skip = new HashSet<string>(unsent ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in headers)
        {
            if (skip.Contains(k) || k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
            if (k.Equals("Host", StringComparison.OrdinalIgnoreCase)) request.Headers.Host = v;
            else request.Headers.TryAddWithoutValidation(k, v);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        return request;
    }
}

public class EmulatorAuthAkSkTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 15, 8, 30, 0, TimeSpan.Zero);

    // The module's hand-worked vectors (tests/.../Unit/Auth/SdkHmacSignerTests.cs), sent literally over a socket.
    private const string VectorAk = "HPUATESTAK0123456789";
    private const string VectorSk = "TestSecretKey0123456789abcdefghijklmnopqrs";
    private const string VectorProject = "2a7f6c2e9b8d4e1f9c3b5a7d1e0f4c6b";
    private const string VectorHost = "metastudio.cn-north-4.myhuaweicloud.com";
    private const string VectorDate = "20240315T083000Z";

    private static Task<EmulatorTestClient> StartAsync(ManualClock clock, Action<EmulatorOptions>? more = null) =>
        EmulatorTestClient.StartAsync(o =>
        {
            o.TimeProvider = clock;
            more?.Invoke(o);
        });

    private static Task<EmulatorTestClient> StartVectorsAsync(string? securityToken = null) =>
        StartAsync(new ManualClock(T0), o => o.AccessKeys =
            [new EmulatorAccessKey { AccessKey = VectorAk, SecretKey = VectorSk, ProjectId = VectorProject, SecurityToken = securityToken }]);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(EmulatorTestClient c, HttpRequestMessage request)
    {
        var response = await c.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (response, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Module_vector_get_list_jobs_passes()
    {
        await using var c = await StartVectorsAsync();
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"v1/{VectorProject}/voice-training-manage/user/jobs?limit=10&offset=0&state=FAILED,WAITING");
        request.Headers.Host = VectorHost;
        request.Headers.TryAddWithoutValidation("X-Sdk-Date", VectorDate);
        request.Headers.TryAddWithoutValidation("X-Project-Id", VectorProject);
        request.Headers.TryAddWithoutValidation("Authorization",
            "SDK-HMAC-SHA256 Access=HPUATESTAK0123456789, SignedHeaders=host;x-project-id;x-sdk-date, " +
            "Signature=cb6abb5dd23ddcc3c7de9cef021de56b021efb73ee9fdcb1cca022e25863258d");
        var (response, body) = await SendAsync(c, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Module_vector_post_create_job_with_json_body_passes()
    {
        await using var c = await StartVectorsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1/{VectorProject}/voice-training-manage/user/basic-jobs")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(
                "{\"voice_name\":\"测试声音\",\"sex\":\"FEMALE\",\"language\":\"CN\",\"create_type\":\"PACKAGE\"}")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
        request.Headers.Host = VectorHost;
        request.Headers.TryAddWithoutValidation("X-App-UserId", "user-001");
        request.Headers.TryAddWithoutValidation("X-Project-Id", VectorProject);
        request.Headers.TryAddWithoutValidation("X-Sdk-Date", VectorDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            "SDK-HMAC-SHA256 Access=HPUATESTAK0123456789, SignedHeaders=content-type;host;x-app-userid;x-project-id;x-sdk-date, " +
            "Signature=832f8a0e48c2c985fcb3068ba4c35bb76eae69c80a26e94a63a66c69516e4235");
        var (response, body) = await SendAsync(c, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = c.Emulator.GetJob(body.GetProperty("job_id").GetString()!)!;
        Assert.Equal("测试声音", job.VoiceName);
        Assert.Equal(VectorProject, job.ProjectId);
        Assert.Equal("user-001", job.AppUserId);
    }

    [Fact]
    public async Task Module_vector_post_with_host_port_and_charset_content_type_passes()
    {
        await using var c = await StartVectorsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1/{VectorProject}/voice-training-manage/user/basic-jobs")
        {
            Content = new StringContent("{\"voice_name\":\"测试声音\",\"sex\":\"FEMALE\",\"language\":\"CN\",\"create_type\":\"PACKAGE\"}",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "localhost:8443";
        request.Headers.TryAddWithoutValidation("X-App-UserId", "user-001");
        request.Headers.TryAddWithoutValidation("X_Trace_Id", "unsigned");
        request.Headers.TryAddWithoutValidation("X-Project-Id", VectorProject);
        request.Headers.TryAddWithoutValidation("X-Sdk-Date", VectorDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            "SDK-HMAC-SHA256 Access=HPUATESTAK0123456789, SignedHeaders=content-type;host;x-app-userid;x-project-id;x-sdk-date, " +
            "Signature=4ef48dad1db23001fb3c7e645f4f714a8a68902d590a9272798379d56c1e5a37");
        var (response, _) = await SendAsync(c, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(c.Emulator.Jobs);
    }

    [Fact]
    public async Task Module_vector_with_security_token_passes_auth_and_a_wrong_token_fails()
    {
        await using var c = await StartVectorsAsync(securityToken: "tmp-token-ABC");
        HttpRequestMessage Request(string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"v1/{VectorProject}/voice-training-manage/user/jobs/job-123");
            request.Headers.Host = VectorHost;
            request.Headers.TryAddWithoutValidation("X-Project-Id", VectorProject);
            request.Headers.TryAddWithoutValidation("X-Sdk-Date", VectorDate);
            request.Headers.TryAddWithoutValidation("X-Security-Token", token);
            request.Headers.TryAddWithoutValidation("Authorization",
                "SDK-HMAC-SHA256 Access=HPUATESTAK0123456789, SignedHeaders=host;x-project-id;x-sdk-date;x-security-token, " +
                "Signature=15c956949d3be297fdc8181f7c789e5c5514505d0c0cdc184b719c9bfcb278c2");
            return request;
        }

        // Authenticated: the job simply does not exist.
        var (ok, okBody) = await SendAsync(c, Request("tmp-token-ABC"));
        Assert.Equal(HttpStatusCode.BadRequest, ok.StatusCode);
        JsonAssert.Error(okBody, "MSS.00000003", "job not found: job-123");

        // The header value is signed, so a different token breaks the signature first.
        var (wrong, wrongBody) = await SendAsync(c, Request("tmp-token-XYZ"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        JsonAssert.Error(wrongBody, "APIGW.0301", "signature does not match");
    }

    [Fact]
    public async Task Signed_get_and_post_pass_with_the_default_key()
    {
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var (created, createdBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Post,
            EmulatorTestClient.Api("user/basic-jobs"), """{"voice_name":"a voice","tag":"NEWS"}""", clock.GetUtcNow(),
            extra: new Dictionary<string, string> { ["X-App-UserId"] = "u1" }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var jobId = createdBody.GetProperty("job_id").GetString()!;

        var (listed, listedBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get,
            EmulatorTestClient.Api("user/jobs?voice_name=a%20voice&limit=5&offset=0"), null, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(jobId, listedBody.GetProperty("jobs")[0].GetProperty("job_id").GetString());

        // Without X-Project-Id (optional) it still passes.
        var (shown, _) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get,
            EmulatorTestClient.Api($"user/jobs/{jobId}"), null, clock.GetUtcNow(), projectHeader: null));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task Tampered_signature_body_or_unknown_key_fail_with_APIGW_0301()
    {
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var relative = EmulatorTestClient.Api("user/basic-jobs");

        var tampered = TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Post, relative, """{"voice_name":"v"}""", clock.GetUtcNow());
        var auth = tampered.Headers.GetValues("Authorization").Single();
        tampered.Headers.Remove("Authorization");
        tampered.Headers.TryAddWithoutValidation("Authorization", auth[..^1] + (auth[^1] == '0' ? '1' : '0'));
        var (r1, b1) = await SendAsync(c, tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, r1.StatusCode);
        JsonAssert.Error(b1, "APIGW.0301", "Incorrect IAM authentication information: signature does not match");

        var otherBody = TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Post, relative, """{"voice_name":"v"}""", clock.GetUtcNow());
        otherBody.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"voice_name":"w"}"""));
        otherBody.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var (r2, b2) = await SendAsync(c, otherBody);
        Assert.Equal(HttpStatusCode.Unauthorized, r2.StatusCode);
        JsonAssert.Error(b2, "APIGW.0301", "signature does not match");

        var (r3, b3) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, EmulatorTestClient.Api("user/jobs"), null,
            clock.GetUtcNow(), ak: "UNKNOWNAK", sk: "whatever"));
        Assert.Equal(HttpStatusCode.Unauthorized, r3.StatusCode);
        JsonAssert.Error(b3, "APIGW.0301", "access key not found");

        var (r4, b4) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, EmulatorTestClient.Api("user/jobs"), null,
            clock.GetUtcNow(), sk: "wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, r4.StatusCode);
        JsonAssert.Error(b4, "APIGW.0301", "signature does not match");

        var malformed = new HttpRequestMessage(HttpMethod.Get, EmulatorTestClient.Api("user/jobs"));
        malformed.Headers.TryAddWithoutValidation("Authorization", "SDK-HMAC-SHA256 Access=EMULATORAK000000");
        var (r5, b5) = await SendAsync(c, malformed);
        Assert.Equal(HttpStatusCode.Unauthorized, r5.StatusCode);
        JsonAssert.Error(b5, "APIGW.0301", "malformed");
        Assert.Empty(c.Emulator.Jobs);
    }

    [Theory]
    [InlineData(16, "APIGW.0305")]
    [InlineData(-16, "APIGW.0305")]
    [InlineData(14, null)]
    [InlineData(-14, null)]
    public async Task X_Sdk_Date_must_be_within_15_minutes_of_the_emulator_clock(int minutes, string? code)
    {
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var (response, body) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, EmulatorTestClient.Api("user/jobs"), null,
            clock.GetUtcNow().AddMinutes(minutes)));
        if (code is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonAssert.Error(body, code, "x-sdk-date differs from server time by more than 15 minutes");
    }

    [Fact]
    public async Task Missing_or_malformed_date_and_unsigned_or_missing_headers_fail_with_APIGW_0301()
    {
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var relative = EmulatorTestClient.Api("user/jobs");
        var now = clock.GetUtcNow();

        async Task Expect(HttpRequestMessage request, string message)
        {
            var (response, body) = await SendAsync(c, request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            JsonAssert.Error(body, "APIGW.0301", message);
        }

        await Expect(TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now,
            extra: new Dictionary<string, string> { ["X-App-UserId"] = "u1" }, unsent: ["X-App-UserId"]),
            "the signed header 'x-app-userid' is missing from the request");
        await Expect(TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, unsent: ["X-Sdk-Date"]),
            "the X-Sdk-Date header is missing");
        await Expect(TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, sdkDate: "2024-03-15T08:30:00Z"),
            "yyyyMMddTHHmmssZ");
        await Expect(TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, signHost: false),
            "the host header must be signed");
    }

    [Fact]
    public async Task Temporary_key_needs_its_signed_security_token()
    {
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock, o => o.AccessKeys.Add(new EmulatorAccessKey
        {
            AccessKey = "TEMPAK", SecretKey = "temp-sk", SecurityToken = "security-token-1",
        }));
        var relative = EmulatorTestClient.Api("user/jobs");
        var now = clock.GetUtcNow();
        Dictionary<string, string> Token(string value) => new() { ["X-Security-Token"] = value };

        var (ok, _) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, "TEMPAK", "temp-sk",
            extra: Token("security-token-1")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        foreach (var (request, message) in new[]
        {
            (TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, "TEMPAK", "temp-sk", extra: Token("security-token-2")),
                "the security token is invalid"),
            (TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, "TEMPAK", "temp-sk"),
                "the X-Security-Token header is required"),
            (TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, extra: Token("security-token-1")),
                "a security token was sent with a permanent access key"),
        })
        {
            var (response, body) = await SendAsync(c, request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            JsonAssert.Error(body, "APIGW.0301", message);
        }

        // Sent but not signed: the signature itself is fine, the token is refused.
        var unsigned = TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, relative, null, now, "TEMPAK", "temp-sk");
        unsigned.Headers.TryAddWithoutValidation("X-Security-Token", "security-token-1");
        var (r, b) = await SendAsync(c, unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        JsonAssert.Error(b, "APIGW.0301", "the x-security-token header must be signed");
    }

    [Fact]
    public async Task Project_mismatch_is_400_MSS_00010009()
    {
        const string other = "ffffffffffffffffffffffffffffffff";
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var now = clock.GetUtcNow();

        // X-Project-Id is not the key's project.
        var (r1, b1) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, EmulatorTestClient.Api("user/jobs"), null, now,
            projectHeader: other));
        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        JsonAssert.Error(b1, "MSS.00010009", "urlTenantId is not equal tokenTenantId");

        // The URL's project is not the key's (with and without X-Project-Id).
        foreach (var header in new[] { other, null })
        {
            var (r2, b2) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, EmulatorTestClient.Api("user/jobs", other), null, now,
                projectHeader: header));
            Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
            JsonAssert.Error(b2, "MSS.00010009");
        }
    }

    [Fact]
    public async Task Project_lookup_must_be_signed_and_lists_matching_projects()
    {
        const string second = "99999999999999999999999999999999";
        var clock = new ManualClock(T0);
        await using var c = await StartAsync(clock);
        var now = clock.GetUtcNow();

        var (ok, okBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, "v3/projects?name=cn-north-4", null, now, projectHeader: null));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var project = Assert.Single(okBody.GetProperty("projects").EnumerateArray());
        Assert.Equal(EmulatorOptions.DefaultProjectId, project.GetProperty("id").GetString());
        Assert.Equal("cn-north-4", project.GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{32}$", project.GetProperty("domain_id").GetString()!);
        Assert.True(project.GetProperty("enabled").GetBoolean());

        var (none, noneBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, "v3/projects?name=cn-east-3", null, now, projectHeader: null));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty(noneBody.GetProperty("projects").EnumerateArray());

        var (unsigned, unsignedBody) = await SendAsync(c, new HttpRequestMessage(HttpMethod.Get, "v3/projects?name=cn-north-4"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        JsonAssert.Error(unsignedBody, "APIGW.0301");

        var (bad, badBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, "v3/projects?name=cn-north-4", null, now,
            sk: "wrong", projectHeader: null));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        JsonAssert.Error(badBody, "APIGW.0301", "signature does not match");

        c.Emulator.Options.ExtraProjects.Add(new EmulatorProject { Id = second, Name = "cn-north-4" });
        var (ambiguous, ambiguousBody) = await SendAsync(c, TestSigner.Signed(c.Emulator.BaseUri, HttpMethod.Get, "v3/projects?name=cn-north-4", null, now, projectHeader: null));
        Assert.Equal(HttpStatusCode.OK, ambiguous.StatusCode);
        Assert.Equal([EmulatorOptions.DefaultProjectId, second],
            ambiguousBody.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }
}
