using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>Every way to sign in, end to end through the cmdlets against the emulator's IAM and gateway.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string TemporaryKey = "EMULATORTEMP0001";
    private const string TemporarySecret = "temporary-secret-key";
    private const string SecurityToken = "temporary-security-token-value";
    private MetaStudioEmulator _emulator = null!;
    private readonly TestData _data = new();
    private string _wav = "";

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions();
        options.AccessKeys.Add(new EmulatorAccessKey { AccessKey = TemporaryKey, SecretKey = TemporarySecret, SecurityToken = SecurityToken });
        _emulator = await MetaStudioEmulator.StartAsync(options);
        _wav = _data.Wav("auth/voice.wav", 185);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _data.Dispose();
    }

    private PsHarness Harness()
    {
        var ps = new PsHarness();
        ps.Set("endpoint", _emulator.BaseUri.ToString());
        ps.Set("wav", _wav);
        return ps;
    }

    private VoiceTrainingJob Pipeline(PsHarness ps, string voice)
        => ps.Run($"New-VoiceTrainingJob -VoiceName '{voice}' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();

    [Fact]
    public void Access_keys_sign_every_request_and_the_project_is_looked_up_from_the_region()
    {
        using var ps = Harness();
        ps.Set("sk", Secrets.Secure(EmulatorAccessKey.DefaultSecretKey));
        var session = ps.Run($"Connect-MetaStudio -AccessKey {EmulatorAccessKey.DefaultAccessKey} -SecretKey $sk -Region cn-north-4 -Endpoint $endpoint -IamEndpoint $endpoint -PassThru")
            .ThrowOnError().Single<MetaStudioSession>();
        Assert.Equal(EmulatorOptions.DefaultProjectId, session.ProjectId);
        Assert.Equal("AccessKey", session.AuthenticationKind);
        Assert.Equal("EMUL************", session.Identity);

        var job = Pipeline(ps, "signed voice");
        Assert.Equal("SYSTEM_AUDITING", job.State);
        var rest = _emulator.Requests.Where(r => r.Path.StartsWith("/v1/") && r.Path.Contains("jobs")).ToList();
        Assert.NotEmpty(rest);
        Assert.All(rest, r => Assert.StartsWith("SDK-HMAC-SHA256 Access=EMULATORAK000000, SignedHeaders=", r.Headers["Authorization"]));
        Assert.All(rest, r => Assert.Equal(EmulatorOptions.DefaultProjectId, r.Headers["X-Project-Id"]));
        Assert.Contains(_emulator.Requests, r => r.Path == "/v3/projects" && r.QueryString.Contains("name=cn-north-4"));
        // Presigned uploads carry none of our credentials.
        Assert.All(_emulator.Requests.Where(r => r.Method == "PUT"), r => { Assert.False(r.Headers.ContainsKey("Authorization")); Assert.False(r.Headers.ContainsKey("X-Auth-Token")); });
    }

    [Fact]
    public void Temporary_keys_send_their_security_token()
    {
        using var ps = Harness();
        ps.Set("sk", Secrets.Secure(TemporarySecret));
        ps.Set("st", Secrets.Secure(SecurityToken));
        ps.Run($"Connect-MetaStudio -AccessKey {TemporaryKey} -SecretKey $sk -SecurityToken $st -ProjectId {EmulatorOptions.DefaultProjectId} -Endpoint $endpoint").ThrowOnError();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'temporary keys'").ThrowOnError().Single<VoiceTrainingJob>();
        var create = _emulator.Requests.Single(r => r.Method == "POST" && r.Body != null && r.Body.Contains("temporary keys"));
        Assert.Equal(SecurityToken, create.Headers["X-Security-Token"]);
        Assert.Equal("TemporaryAccessKey", ((MetaStudioSession)ps.Run("Get-MetaStudioSession").Output[0].BaseObject).AuthenticationKind);
        Assert.NotNull(job.JobId);
    }

    [Fact]
    public void A_wrong_secret_key_is_refused_with_the_gateways_code()
    {
        using var ps = Harness();
        ps.Set("sk", Secrets.Secure("not-the-secret"));
        ps.Run($"Connect-MetaStudio -AccessKey {EmulatorAccessKey.DefaultAccessKey} -SecretKey $sk -ProjectId {EmulatorOptions.DefaultProjectId} -Endpoint $endpoint").ThrowOnError();
        var error = Assert.Single(ps.Run("Get-VoiceTrainingJob -First 1").Errors);
        Assert.StartsWith("APIGW.0301,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
    }

    [Fact]
    public void An_iam_user_signs_in_with_a_credential_and_the_token_is_renewed_after_a_refusal()
    {
        using var ps = Harness();
        ps.Set("cred", new PSCredential(EmulatorIamUser.DefaultUserName, Secrets.Secure(EmulatorIamUser.DefaultPassword)));
        var session = ps.Run($"Connect-MetaStudio -Credential $cred -DomainName {EmulatorIamUser.DefaultDomainName} -Region cn-north-4 -Endpoint $endpoint -IamEndpoint $endpoint -PassThru")
            .ThrowOnError().Single<MetaStudioSession>();
        Assert.Equal("Password", session.AuthenticationKind);
        Assert.Equal(EmulatorIamUser.DefaultUserName, session.Identity);
        Assert.Equal(EmulatorOptions.DefaultProjectId, session.ProjectId);
        Assert.InRange(session.TokenExpiresAt!.Value, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
        var signIns = _emulator.Requests.Count(r => r.Path == "/v3/auth/tokens");

        Assert.Equal("SYSTEM_AUDITING", Pipeline(ps, "iam voice").State);

        // The service refuses the token once (expired early, or revoked): the module signs in again and goes on.
        _emulator.SetFaults(new FaultPlan { Rules = { new FaultRule { Route = "show", Kind = FaultKind.ExpireToken, FirstN = 1 } } });
        try
        {
            var job = ps.Run("Get-VoiceTrainingJob -First 1 | Get-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
            Assert.NotNull(job.JobId);
        }
        finally { _emulator.SetFaults(null); }
        Assert.Equal(signIns + 1, _emulator.Requests.Count(r => r.Path == "/v3/auth/tokens"));
        Assert.DoesNotContain(_emulator.Requests.Where(r => r.Path == "/v3/auth/tokens"), r => r.Body!.Contains(EmulatorIamUser.DefaultPassword));
    }

    [Fact]
    public void A_wrong_password_is_a_clear_terminating_error()
    {
        using var ps = Harness();
        ps.Set("cred", new PSCredential(EmulatorIamUser.DefaultUserName, Secrets.Secure("wrong-password")));
        var error = Assert.Single(ps.Run($"Connect-MetaStudio -Credential $cred -DomainName {EmulatorIamUser.DefaultDomainName} -Region cn-north-4 -Endpoint $endpoint -IamEndpoint $endpoint").Errors);
        Assert.StartsWith("IamSignInFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("-DomainName", error.Exception.Message);
        Assert.DoesNotContain("wrong-password", error.ToString());
        Assert.Null(ps.Get(MetaStudioSession.VariableName));
    }

    [Fact]
    public void Parallel_runspaces_keep_their_own_sessions()
    {
        using var ps = Harness();
        ps.Set("manifest", Repo.Manifest);
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("sk", Secrets.Secure(EmulatorAccessKey.DefaultSecretKey));
        var r = ps.Run($$"""
            1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
                Import-Module $using:manifest
                if ($_ % 2) { Connect-MetaStudio -Endpoint $using:endpoint -ProjectId {{EmulatorOptions.DefaultProjectId}} -Token $using:token }
                else { Connect-MetaStudio -Endpoint $using:endpoint -ProjectId {{EmulatorOptions.DefaultProjectId}} -AccessKey {{EmulatorAccessKey.DefaultAccessKey}} -SecretKey $using:sk }
                $job = New-VoiceTrainingJob -VoiceName "parallel $_"
                "$_|$($MetaStudioSession.AuthenticationKind)|$($job.VoiceName)"
            }
            """).ThrowOnError();
        var lines = r.Output.Select(o => (string)o.BaseObject).OrderBy(x => x).ToList();
        Assert.Equal(6, lines.Count);
        foreach (var line in lines)
        {
            var parts = line.Split('|');
            var n = int.Parse(parts[0]);
            Assert.Equal(n % 2 == 1 ? "Token" : "AccessKey", parts[1]);
            Assert.Equal($"parallel {n}", parts[2]);
        }
        Assert.Null(ps.Get(MetaStudioSession.VariableName)); // nothing leaked into the calling runspace
    }

    [Fact]
    public void Secrets_of_every_mode_stay_out_of_every_stream()
    {
        using var ps = Harness();
        ps.Set("sk", Secrets.Secure(TemporarySecret));
        ps.Set("st", Secrets.Secure(SecurityToken));
        ps.Set("cred", new PSCredential(EmulatorIamUser.DefaultUserName, Secrets.Secure(EmulatorIamUser.DefaultPassword)));
        ps.Set("DebugPreference", "Continue");
        ps.Set("VerbosePreference", "Continue");
        ps.Run($$"""
            $a = Connect-MetaStudio -AccessKey {{TemporaryKey}} -SecretKey $sk -SecurityToken $st -ProjectId {{EmulatorOptions.DefaultProjectId}} -Endpoint $endpoint -PassThru -Scope Local
            $p = Connect-MetaStudio -Credential $cred -DomainName {{EmulatorIamUser.DefaultDomainName}} -Region cn-north-4 -Endpoint $endpoint -IamEndpoint $endpoint -PassThru
            foreach ($s in $a, $p) {
                $job = New-VoiceTrainingJob -VoiceName 'scan' -Path $wav -Session $s
                $job | Send-VoiceTrainingData | Submit-VoiceTrainingJob | Out-Default
                Get-VoiceTrainingJob -JobId 'no-such-job' -Session $s
                $s | Out-Default
                $s.ToString()
            }
            $e = Connect-MetaStudio -Credential ([System.Management.Automation.PSCredential]::new('emulator-user', $sk)) -DomainName x -Region cn-north-4 -Endpoint $endpoint -IamEndpoint $endpoint
            $Error | ForEach-Object { $_ | Out-Default; $_.Exception.ToString() }
            """);
        var password = (MetaStudioSession)ps.Get(MetaStudioSession.VariableName)!;
        var token = SecretText.Reveal(((IamPasswordAuthenticator)password.Authenticator).CurrentTokenAsync(MetaStudio.Voice.Client.NullOperationLog.Instance, default).GetAwaiter().GetResult());
        var signatures = _emulator.Requests.Where(r => r.Headers.TryGetValue("Authorization", out _)).Select(r => r.Headers["Authorization"].Split("Signature=").Last())
            .Concat(_emulator.Requests.Where(r => r.Method == "PUT").Select(r => System.Web.HttpUtility.ParseQueryString(r.QueryString)["Signature"]!))
            .Distinct().ToList();
        Assert.NotEmpty(signatures);
        Assert.Contains(ps.Transcript, t => t.Contains("VERBOSE") || t.Contains("CreateTrainingAdvanceJob"));
        Secrets.AssertAbsent(ps.Transcript, signatures.Concat(new[] { TemporarySecret, SecurityToken, EmulatorIamUser.DefaultPassword, token }));
    }
}

/// <summary>Credentials from the environment, as the official SDKs read them (process-wide, so not in parallel).</summary>
[Collection(SerialCollection.Name)]
public sealed class EnvironmentAuthTests
{
    [Fact]
    public async Task With_no_credential_parameters_the_sdk_environment_variables_are_used()
    {
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions());
        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        var saved = new[] { "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_AK", EmulatorAccessKey.DefaultAccessKey);
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", EmulatorAccessKey.DefaultSecretKey);
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_PROJECT_ID", EmulatorOptions.DefaultProjectId);
            var session = ps.Run("Connect-MetaStudio -Endpoint $endpoint -PassThru").ThrowOnError().Single<MetaStudioSession>();
            Assert.Equal("AccessKey", session.AuthenticationKind);
            Assert.Single(ps.Run("New-VoiceTrainingJob -VoiceName 'from the environment'").ThrowOnError().Output);

            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_SK", null);
            var error = Assert.Single(ps.Run("Connect-MetaStudio -Endpoint $endpoint").Errors);
            Assert.StartsWith("IncompleteEnvironmentCredentials,", error.FullyQualifiedErrorId);
            Environment.SetEnvironmentVariable("HUAWEICLOUD_SDK_AK", null);
            Assert.StartsWith("NoCredentials,", Assert.Single(ps.Run("Connect-MetaStudio -Endpoint $endpoint").Errors).FullyQualifiedErrorId);
        }
        finally
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}

public sealed class ProjectLookupTests
{
    [Theory]
    [InlineData("cn-east-3", "ProjectNotFound")]
    [InlineData("cn-north-4", "ProjectAmbiguous")]
    public async Task No_project_or_several_for_the_region_is_a_clear_error(string region, string errorId)
    {
        var options = new EmulatorOptions();
        options.ExtraProjects.Add(new EmulatorProject { Id = "ffffffffffffffffffffffffffffffff", Name = "cn-north-4" });
        await using var emulator = await MetaStudioEmulator.StartAsync(options);
        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("sk", Secrets.Secure(EmulatorAccessKey.DefaultSecretKey));
        var error = Assert.Single(ps.Run($"Connect-MetaStudio -AccessKey {EmulatorAccessKey.DefaultAccessKey} -SecretKey $sk -Region {region} -Endpoint $endpoint -IamEndpoint $endpoint").Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("-ProjectId", error.Exception.Message);
        Assert.Null(ps.Get(MetaStudioSession.VariableName));
    }
}
