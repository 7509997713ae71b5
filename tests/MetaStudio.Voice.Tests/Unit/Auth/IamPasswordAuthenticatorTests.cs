using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Unit.Auth;

public class IamPasswordAuthenticatorTests
{
    private static HttpResponseMessage TokenAnswer(string token, DateTime expires, string projectId = "p-1")
    {
        var r = FakeHandler.Json(HttpStatusCode.Created,
            $"{{\"token\":{{\"expires_at\":\"{expires:yyyy-MM-ddTHH:mm:ss.ffffffZ}\",\"project\":{{\"id\":\"{projectId}\",\"name\":\"cn-north-4\"}}}}}}");
        r.Headers.Add("X-Subject-Token", token);
        return r;
    }

    [Fact]
    public async Task Signs_in_with_the_documented_body_and_reads_token_expiry_and_project()
    {
        var expires = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var handler = new FakeHandler((_, _) => TokenAnswer("TOKEN-1", expires));
        var auth = new IamPasswordAuthenticator(new Uri("https://iam.cn-north-4.myhuaweicloud.com/"), "alice", Secrets.Secure("pa55"), "acme", "cn-north-4", null, new HttpClient(handler));

        var request = new HttpRequestMessage(HttpMethod.Get, "https://x/");
        await auth.AuthenticateAsync(request, null, default);

        Assert.Equal("TOKEN-1", request.Headers.GetValues("X-Auth-Token").Single());
        Assert.Equal(expires, auth.ExpiresAt);
        Assert.Equal("p-1", auth.ProjectId);
        var (signIn, body) = Assert.Single(handler.Requests);
        Assert.Equal("https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens?nocatalog=true", signIn.RequestUri!.AbsoluteUri);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(body!))!;
        Assert.Equal("password", (string?)json["auth"]!["identity"]!["methods"]![0]);
        Assert.Equal("alice", (string?)json["auth"]!["identity"]!["password"]!["user"]!["name"]);
        Assert.Equal("pa55", (string?)json["auth"]!["identity"]!["password"]!["user"]!["password"]);
        Assert.Equal("acme", (string?)json["auth"]!["identity"]!["password"]!["user"]!["domain"]!["name"]);
        Assert.Equal("cn-north-4", (string?)json["auth"]!["scope"]!["project"]!["name"]);
        Assert.DoesNotContain("pa55", auth.ToString());
    }

    [Fact]
    public async Task Signs_in_again_before_the_token_expires_and_reuses_it_until_then()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var n = 0;
        var handler = new FakeHandler((_, _) => TokenAnswer("T" + (++n), now.AddHours(1)));
        var auth = new IamPasswordAuthenticator(new Uri("https://iam/"), "u", Secrets.Secure("p"), "d", "r", null, new HttpClient(handler)) { UtcNow = () => now };

        async Task<string> Token() { var r = new HttpRequestMessage(HttpMethod.Get, "https://x/"); await auth.AuthenticateAsync(r, null, default); return r.Headers.GetValues("X-Auth-Token").Single(); }

        Assert.Equal("T1", await Token());
        now = now.AddMinutes(30);
        Assert.Equal("T1", await Token());
        now = now.AddMinutes(25); // within the refresh margin of the 1 h token
        Assert.Equal("T2", await Token());
        Assert.Equal(2, auth.SignInCount);
        Assert.True(await auth.TryRefreshAsync(NullOperationLog.Instance, default));
        Assert.Equal("T3", await Token());
    }

    [Fact]
    public async Task A_refused_sign_in_says_what_to_check_without_the_password()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json(HttpStatusCode.Unauthorized, "{\"error\":{\"code\":\"401\",\"message\":\"The username or password is wrong.\"}}"));
        var auth = new IamPasswordAuthenticator(new Uri("https://iam/"), "u", Secrets.Secure("hunter2"), "d", "r", null, new HttpClient(handler));
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => auth.SignInAsync(NullOperationLog.Instance, default));
        Assert.Equal("IamSignInFailed", ex.ErrorId);
        Assert.Equal(MetaStudioErrorKind.Authentication, ex.Kind);
        Assert.Contains("-DomainName", ex.Message);
        Assert.DoesNotContain("hunter2", ex.ToString());
    }

    [Fact]
    public async Task The_client_signs_in_again_once_when_the_service_refuses_the_token()
    {
        var iam = 0;
        var calls = 0;
        var handler = new FakeHandler((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/v3/auth/tokens")) return TokenAnswer("T" + (++iam), DateTime.UtcNow.AddHours(24));
            calls++;
            var token = request.Headers.GetValues("X-Auth-Token").Single();
            return token == "T1"
                ? FakeHandler.Json(HttpStatusCode.Unauthorized, "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"token expired\"}")
                : FakeHandler.Json(HttpStatusCode.OK, "{\"job_id\":\"j\",\"state\":\"WAITING\"}");
        });
        var http = new HttpClient(handler);
        var auth = new IamPasswordAuthenticator(new Uri("https://iam/"), "u", Secrets.Secure("p"), "d", "r", null, http);
        var api = new VoiceTrainingApi(new MetaStudioClient(new Uri("https://ms/"), "p", auth, http, "t"), RetryPolicy.None);

        var info = await api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default);

        Assert.Equal("WAITING", info.State);
        Assert.Equal(2, iam);
        Assert.Equal(2, calls);
    }
}
