using System.Management.Automation;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

public sealed class SessionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;

    public SessionTests(EmulatorFixture fx) => _fx = fx;

    [Fact]
    public void Connect_stores_a_typed_session_in_the_documented_variable()
    {
        using var ps = _fx.Connect("-AppUserId crm-1");
        var session = Assert.IsType<MetaStudioSession>(ps.Get(MetaStudioSession.VariableName));
        Assert.Equal(EmulatorFixture.ProjectId, session.ProjectId);
        Assert.Equal("Token", session.AuthenticationKind);
        Assert.Equal("crm-1", session.AppUserId);
        Assert.Same(session, ps.Run("Get-MetaStudioSession").ThrowOnError().Single<MetaStudioSession>());
        // The global scope: a function that connects leaves the session for the caller.
        ps.Run("function Connect-Inside { Connect-MetaStudio -Endpoint $endpoint -ProjectId 'inner' -Token $token }; Connect-Inside").ThrowOnError();
        Assert.Equal("inner", ((MetaStudioSession)ps.Get(MetaStudioSession.VariableName)!).ProjectId);
    }

    [Fact]
    public void Local_scope_and_explicit_sessions_do_not_touch_each_other()
    {
        using var ps = _fx.Connect();
        var r = ps.Run("""
            function Use-Other {
                $other = Connect-MetaStudio -Endpoint $endpoint -ProjectId 'ffffffffffffffffffffffffffffffff' -Token $token -Scope Local -PassThru
                $MetaStudioSession.ProjectId
            }
            Use-Other
            $MetaStudioSession.ProjectId
            """).ThrowOnError();
        Assert.Equal(new object[] { "ffffffffffffffffffffffffffffffff", EmulatorFixture.ProjectId }, r.Output.Select(o => o.BaseObject));
        // -Scope is case-insensitive like every PowerShell set: "local" is Local.
        var lower = ps.Run("& { Connect-MetaStudio -Endpoint $endpoint -ProjectId 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' -Token $token -Scope local }; $MetaStudioSession.ProjectId").ThrowOnError();
        Assert.Equal(EmulatorFixture.ProjectId, lower.Output.Single().BaseObject);

        // An explicit -Session wins over $MetaStudioSession.
        ps.Set("badToken", Secrets.Secure("wrong"));
        var viaBad = ps.Run("""
            & {
                $bad = Connect-MetaStudio -Endpoint $endpoint -ProjectId $project -Token $badToken -Scope Local -PassThru
                New-VoiceTrainingJob -VoiceName 'explicit session' -Session $bad
            }
            """);
        Assert.StartsWith("APIGW.0301,", Assert.Single(viaBad.Errors).FullyQualifiedErrorId);
        Assert.Single(ps.Run("New-VoiceTrainingJob -VoiceName 'default session'").ThrowOnError().Output);
    }

    [Fact]
    public void Jobs_remember_their_session_so_a_pipeline_needs_it_once()
    {
        using var data = new TestData();
        using var ps = new PsHarness();
        ps.Set("endpoint", _fx.Emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("wav", _fx.LongWav);
        var job = ps.Run($$"""
            & {
                $s = Connect-MetaStudio -Endpoint $endpoint -ProjectId {{EmulatorFixture.ProjectId}} -Token $token -Scope Local -PassThru
                New-VoiceTrainingJob -VoiceName 'own session' -Path $wav -Session $s | Send-VoiceTrainingData | Submit-VoiceTrainingJob
            }
            """).ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal("SYSTEM_AUDITING", job.State);
        Assert.Null(ps.Get(MetaStudioSession.VariableName)); // no ambient session was involved
    }

    [Fact]
    public void Runspaces_do_not_share_sessions()
    {
        using var a = _fx.Connect();
        using var b = new PsHarness();
        Assert.NotNull(a.Get(MetaStudioSession.VariableName));
        Assert.Null(b.Get(MetaStudioSession.VariableName));
        Assert.StartsWith("NoSession,", Assert.Single(b.Run("New-VoiceTrainingJob -VoiceName x").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Disconnect_closes_the_session_and_removes_the_variable()
    {
        using var ps = _fx.Connect();
        var session = (MetaStudioSession)ps.Get(MetaStudioSession.VariableName)!;
        ps.Set("kept", session);
        ps.Run("Disconnect-MetaStudio").ThrowOnError();
        Assert.Null(ps.Get(MetaStudioSession.VariableName));
        Assert.False(session.IsConnected);
        Assert.StartsWith("SessionClosed,", Assert.Single(ps.Run("Get-VoiceTrainingJob -JobId x -Session $kept").Errors).FullyQualifiedErrorId);
        Assert.Empty(ps.Run("Disconnect-MetaStudio").Errors); // nothing to close is not an error
    }

    [Fact]
    public void The_session_view_shows_where_and_how_but_no_secret()
    {
        using var ps = _fx.Connect();
        ps.Run("Get-MetaStudioSession | Out-Default; $MetaStudioSession.ToString() | Out-Default").ThrowOnError();
        var text = ps.Host.Text;
        Assert.Contains("ProjectId", text);
        Assert.Contains(EmulatorFixture.ProjectId, text);
        Assert.Contains("Token", text);
        Assert.DoesNotContain(EmulatorFixture.Token, text);
        var properties = typeof(MetaStudioSession).GetProperties().Select(p => p.Name);
        Assert.DoesNotContain(properties, p => p.Contains("Secret") || p == "Token" || p.Contains("Password"));
    }

    [Fact]
    public void Region_completion_needs_no_network()
    {
        using var ps = new PsHarness();
        var r = ps.Run("$s = 'Connect-MetaStudio -Region cn-'; (TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText").ThrowOnError();
        Assert.Equal(new object[] { "cn-north-4", "cn-east-3" }, r.Output.Select(o => o.BaseObject));
        var tags = ps.Run("$s = 'New-VoiceTrainingJob -Tag N'; (TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText").ThrowOnError();
        Assert.Equal(new object[] { "NEWS" }, tags.Output.Select(o => o.BaseObject));
    }
}
