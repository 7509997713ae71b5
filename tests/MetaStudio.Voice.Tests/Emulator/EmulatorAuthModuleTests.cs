using System.Net;
using System.Security;
using System.Text;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

/// <summary>
/// Cross-check: the module's own authenticators (signer, project lookup, IAM sign-in) against the emulator's
/// independent verifier and IAM, over real sockets with the real clock.
/// </summary>
public class EmulatorAuthModuleTests
{
    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var ch in text) s.AppendChar(ch);
        s.MakeReadOnly();
        return s;
    }

    [Fact]
    public async Task Module_signed_requests_and_project_lookup_pass()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        using var auth = new AccessKeyAuthenticator(EmulatorAccessKey.DefaultAccessKey, Secure(EmulatorAccessKey.DefaultSecretKey), null, null);

        var projectId = await ProjectLookup.FindProjectIdAsync(c.Http, c.Emulator.BaseUri, "cn-north-4", auth, NullOperationLog.Instance, CancellationToken.None);
        Assert.Equal(EmulatorOptions.DefaultProjectId, projectId);

        using var signed = new AccessKeyAuthenticator(EmulatorAccessKey.DefaultAccessKey, Secure(EmulatorAccessKey.DefaultSecretKey), null, projectId);
        var body = Encoding.UTF8.GetBytes("""{"voice_name":"模块 voice","tag":"NEWS"}""");
        var post = new HttpRequestMessage(HttpMethod.Post, new Uri(c.Emulator.BaseUri, EmulatorTestClient.Api("user/basic-jobs")))
        {
            Content = new ByteArrayContent(body),
        };
        post.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        await signed.AuthenticateAsync(post, body, CancellationToken.None);
        using var created = await c.Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var get = new HttpRequestMessage(HttpMethod.Get, new Uri(c.Emulator.BaseUri, EmulatorTestClient.Api("user/jobs?state=CREATING,FAILED&voice_name=模块 voice")));
        await signed.AuthenticateAsync(get, null, CancellationToken.None);
        using var listed = await c.Http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("\"count\":1", await listed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Module_password_sign_in_gets_a_working_token()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        using var iam = new IamPasswordAuthenticator(c.Emulator.BaseUri, EmulatorIamUser.DefaultUserName, Secure(EmulatorIamUser.DefaultPassword),
            EmulatorIamUser.DefaultDomainName, "cn-north-4", null, c.Http);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(c.Emulator.BaseUri, EmulatorTestClient.Api("user/jobs")));
        await iam.AuthenticateAsync(request, null, CancellationToken.None);
        using var response = await c.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatorOptions.DefaultProjectId, iam.ProjectId);
        Assert.InRange(iam.ExpiresAt!.Value, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        Assert.DoesNotContain(c.Emulator.Requests, r => r.Body?.Contains(EmulatorIamUser.DefaultPassword) == true);
    }
}
