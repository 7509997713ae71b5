using MetaStudio.Voice.Client;
using MetaStudio.Voice.Session;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Unit.Auth;

public class SessionFactoryTests
{
    private static ConnectOptions Options(Dictionary<string, string>? env = null) => new()
    {
        Endpoint = new Uri("http://127.0.0.1:1/"),
        Environment = name => env != null && env.TryGetValue(name, out var v) ? v : null,
    };

    [Fact]
    public async Task Explicit_token_wins_over_the_environment()
    {
        var o = Options(new() { ["HUAWEICLOUD_SDK_AK"] = "AKENV", ["HUAWEICLOUD_SDK_SK"] = "SKENV" });
        o.Token = Secrets.Secure("tok");
        o.ProjectId = "p";
        using var session = await SessionFactory.CreateAsync(o, NullOperationLog.Instance, default);
        Assert.Equal("Token", session.AuthenticationKind);
    }

    [Fact]
    public async Task The_environment_gives_access_keys_with_project_and_security_token()
    {
        var o = Options(new() { ["HUAWEICLOUD_SDK_AK"] = "AKENV12345", ["HUAWEICLOUD_SDK_SK"] = "SKENV", ["HUAWEICLOUD_SDK_PROJECT_ID"] = "penv", ["HUAWEICLOUD_SDK_SECURITY_TOKEN"] = "st" });
        using var session = await SessionFactory.CreateAsync(o, NullOperationLog.Instance, default);
        Assert.Equal("TemporaryAccessKey", session.AuthenticationKind);
        Assert.Equal("penv", session.ProjectId);
        Assert.Equal("AKEN******", session.Identity);
    }

    [Theory]
    [InlineData(null, null, "NoCredentials")]
    [InlineData("AK", null, "IncompleteEnvironmentCredentials")]
    [InlineData(null, "SK", "IncompleteEnvironmentCredentials")]
    public async Task Missing_or_half_set_environment_is_a_clear_error(string? ak, string? sk, string errorId)
    {
        var env = new Dictionary<string, string>();
        if (ak != null) env["HUAWEICLOUD_SDK_AK"] = ak;
        if (sk != null) env["HUAWEICLOUD_SDK_SK"] = sk;
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => SessionFactory.CreateAsync(Options(env), NullOperationLog.Instance, default));
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Fact]
    public async Task An_explicit_key_pair_without_project_or_region_is_an_error_not_a_fallthrough()
    {
        var o = Options(new() { ["HUAWEICLOUD_SDK_AK"] = "AKENV", ["HUAWEICLOUD_SDK_SK"] = "SKENV", ["HUAWEICLOUD_SDK_PROJECT_ID"] = "penv" });
        o.AccessKey = "AK";
        o.SecretKey = Secrets.Secure("SK");
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => SessionFactory.CreateAsync(o, NullOperationLog.Instance, default));
        Assert.Equal("RegionRequired", ex.ErrorId);
    }

    [Fact]
    public async Task Password_sign_in_needs_an_iam_endpoint()
    {
        var o = Options();
        o.UserName = "u";
        o.Password = Secrets.Secure("p");
        o.DomainName = "d";
        o.ProjectId = "p";
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => SessionFactory.CreateAsync(o, NullOperationLog.Instance, default));
        Assert.Equal("IamEndpointRequired", ex.ErrorId);
    }
}
