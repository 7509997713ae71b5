using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>Bad input and service errors become ErrorRecords with stable ids, categories and targets.</summary>
public sealed class ErrorTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fx;
    private readonly TestData _data = new();

    public ErrorTests(EmulatorFixture fx) => _fx = fx;

    public void Dispose() => _data.Dispose();

    private static ErrorRecord OneError(PsResult r, string errorId, ErrorCategory category)
    {
        var error = Assert.Single(r.Errors);
        Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.False(string.IsNullOrWhiteSpace(error.Exception.Message));
        return error;
    }

    [Fact]
    public void Connect_refuses_unknown_regions_and_plain_http_to_other_hosts()
    {
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure("t"));
        var unknown = OneError(ps.Run("Connect-MetaStudio -Region mars-1 -ProjectId p -Token $token"), "UnknownRegion", ErrorCategory.InvalidArgument);
        Assert.Contains("cn-north-4, cn-east-3, ap-southeast-3", unknown.Exception.Message);
        OneError(ps.Run("Connect-MetaStudio -Endpoint http://metastudio.example.com/ -ProjectId p -Token $token"), "InsecureEndpoint", ErrorCategory.SecurityError);
        OneError(ps.Run("Connect-MetaStudio -ProjectId p -Token $token"), "RegionRequired", ErrorCategory.InvalidArgument);
        Assert.Empty(ps.Run("Connect-MetaStudio -Endpoint http://metastudio.example.com/ -ProjectId p -Token $token -AllowInsecureHttp").Errors);
        var session = ps.Run("Connect-MetaStudio -Region CN-NORTH-4 -ProjectId p -Token $token -PassThru").ThrowOnError().Single<MetaStudio.Voice.Session.MetaStudioSession>();
        Assert.Equal("https://metastudio.cn-north-4.myhuaweicloud.com/", session.Endpoint.ToString());
        Assert.Equal("cn-north-4", session.Region);
    }

    [Fact]
    public void Without_a_session_every_call_says_to_connect()
    {
        using var ps = new PsHarness();
        var error = OneError(ps.Run("New-VoiceTrainingJob -VoiceName x"), "NoSession", ErrorCategory.InvalidOperation);
        Assert.Contains("Connect-MetaStudio", error.Exception.Message);
        OneError(ps.Run("Get-VoiceTrainingJob -JobId x"), "NoSession", ErrorCategory.InvalidOperation);
        OneError(ps.Run("Get-MetaStudioSession"), "NoSession", ErrorCategory.InvalidOperation);
    }

    [Fact]
    public void Non_ascii_app_user_id_is_refused_before_any_request()
    {
        using var ps = _fx.Connect();
        var before = _fx.Emulator.Requests.Count;
        var error = OneError(ps.Run("New-VoiceTrainingJob -VoiceName 'ascii' -AppUserId '用户1'"), "InvalidAppUserId", ErrorCategory.InvalidArgument);
        Assert.Equal("ascii", error.TargetObject);
        Assert.Equal(before, _fx.Emulator.Requests.Count);
        OneError(ps.Run("Connect-MetaStudio -Endpoint $endpoint -ProjectId $project -Token $token -AppUserId '用户'"), "InvalidAppUserId", ErrorCategory.InvalidArgument);
    }

    [Theory]
    [InlineData("New-VoiceTrainingJob -VoiceName v -Tag FUNNY", "Tag")]
    [InlineData("New-VoiceTrainingJob -VoiceName v -Sex OTHER", "Sex")]
    [InlineData("New-VoiceTrainingJob -VoiceName v -Language FR", "Language")]
    [InlineData("New-VoiceTrainingJob -VoiceName v -Edition Gold", "Edition")]
    [InlineData("New-VoiceTrainingJob -VoiceName v -CreateType Stream", "CreateType")]
    [InlineData("New-VoiceTrainingJob -VoiceName v -SupportedService VIDEO_3D", "SupportedService")]
    [InlineData("New-VoiceTrainingJob -VoiceName ''", "VoiceName")]
    public void Parameter_validation_names_the_parameter(string script, string parameter)
    {
        using var ps = _fx.Connect();
        var before = _fx.Emulator.Requests.Count;
        var r = ps.Run(script);
        var error = Assert.Single(r.Errors);
        Assert.Contains(parameter, error.ToString());
        Assert.Matches("^(Parameter|CannotConvert)", error.FullyQualifiedErrorId); // the engine's binding errors
        Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.InvalidData, ErrorCategory.InvalidArgument });
        Assert.Equal(before, _fx.Emulator.Requests.Count);
    }

    [Fact]
    public void A_refused_token_gives_the_gateway_code_and_says_to_reconnect()
    {
        using var ps = new PsHarness();
        ps.Set("endpoint", _fx.Emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure("not-a-valid-token"));
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        var error = OneError(ps.Run("New-VoiceTrainingJob -VoiceName 'refused'"), "APIGW.0301", ErrorCategory.AuthenticationError);
        Assert.Equal("refused", error.TargetObject);
        var ex = Assert.IsType<MetaStudioServiceException>(error.Exception);
        Assert.Equal(401, ex.StatusCode);
        Assert.NotNull(ex.RequestId);
        Assert.Contains("Connect-MetaStudio", ex.Message);
        Assert.DoesNotContain(_fx.Emulator.Jobs, j => j.VoiceName == "refused");
    }

    [Fact]
    public void A_project_that_is_not_the_tokens_gives_MSS_00010009()
    {
        using var ps = new PsHarness();
        ps.Set("endpoint", _fx.Emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Run("Connect-MetaStudio -Endpoint $endpoint -ProjectId ffffffffffffffffffffffffffffffff -Token $token").ThrowOnError();
        var error = OneError(ps.Run("Get-VoiceTrainingJob -JobId 26f06524-4f75-4b3a-a853-b649a21aaf66"), "MSS.00010009", ErrorCategory.PermissionDenied);
        Assert.Equal("26f06524-4f75-4b3a-a853-b649a21aaf66", error.TargetObject);
        Assert.Contains("-ProjectId", error.Exception.Message);
    }

    [Fact]
    public void Submitting_before_uploading_gives_the_service_error_with_the_job_as_target()
    {
        using var ps = _fx.Connect();
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'too early' | Submit-VoiceTrainingJob");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("MSS.", error.FullyQualifiedErrorId);
        Assert.EndsWith(",MetaStudio.Voice.Commands.SubmitVoiceTrainingJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        var job = Assert.IsType<VoiceTrainingJob>(error.TargetObject);
        Assert.Equal("CREATING", _fx.Emulator.GetJob(job.JobId)!.State);
    }

    [Fact]
    public void Bad_training_data_paths_get_precise_errors()
    {
        var mp3 = _data.Text("song.mp3", "ID3");
        var empty = _data.Folder("empty");
        using var ps = _fx.Connect();
        ps.Set("mp3", mp3);
        ps.Set("empty", empty);
        ps.Set("job", ps.Run("New-VoiceTrainingJob -VoiceName 'bad paths'").ThrowOnError().Single<VoiceTrainingJob>());

        OneError(ps.Run("$job | Send-VoiceTrainingData -Path ./no/such/file.zip"), "TrainingDataNotFound", ErrorCategory.ObjectNotFound);
        var mp3Error = OneError(ps.Run("$job | Send-VoiceTrainingData -Path $mp3"), "TrainingDataInvalid", ErrorCategory.InvalidArgument);
        Assert.Contains(((MetaStudio.Voice.Commands.TrainingDataInvalidException)mp3Error.Exception).Report.Problems, p => p.Code == "WrongFileType");
        var emptyError = OneError(ps.Run("$job | Send-VoiceTrainingData -Path $empty"), "TrainingDataInvalid", ErrorCategory.InvalidArgument);
        Assert.Contains(((MetaStudio.Voice.Commands.TrainingDataInvalidException)emptyError.Exception).Report.Problems, p => p.Code == "NoRecording");
        // Without the checks, the uploader still refuses what it cannot send.
        OneError(ps.Run("$job | Send-VoiceTrainingData -Path $mp3 -SkipValidation"), "TrainingDataWrongType", ErrorCategory.InvalidArgument);
        OneError(ps.Run("$job | Send-VoiceTrainingData -Path $empty -SkipValidation"), "NoTrainingAudio", ErrorCategory.InvalidArgument);
        var noPath = OneError(ps.Run("$job | Send-VoiceTrainingData"), "NoTrainingDataPath", ErrorCategory.InvalidArgument);
        Assert.IsType<VoiceTrainingJob>(noPath.TargetObject);
        ps.Set("wav", _fx.LongWav);
        OneError(ps.Run("$job | Send-VoiceTrainingData -Path $wav -AuthorizationLetter ./missing.pdf"), "AuthorizationLetterNotFound", ErrorCategory.ObjectNotFound);
    }

    [Fact]
    public void An_expired_upload_url_gives_the_obs_error_and_says_how_to_get_fresh_urls()
    {
        using var expired = MetaStudioEmulator.StartAsync(new EmulatorOptions { UploadUrlLifetime = TimeSpan.FromSeconds(-30) }).GetAwaiter().GetResult();
        var wav = _fx.LongWav;
        using var ps = new PsHarness();
        ps.Set("endpoint", expired.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("wav", wav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();

        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'expired' -Path $wav | Send-VoiceTrainingData");
        var error = OneError(r, "AccessDenied", ErrorCategory.PermissionDenied);
        var ex = Assert.IsType<ObjectStorageException>(error.Exception);
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("Send-VoiceTrainingData -JobId", ex.Message);
        Assert.Empty(expired.Objects);
        // One fresh set of URLs was asked for and tried once; never a stale URL twice.
        Assert.Single(expired.Requests, q => q.Path.EndsWith("/uploading-address-url"));
        Assert.Equal(2, expired.Requests.Count(q => q.Method == "PUT"));
    }

    [Fact]
    public void An_unreachable_endpoint_is_a_connection_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on this port now
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure("t"));
        ps.Run($"Connect-MetaStudio -Endpoint http://127.0.0.1:{port}/ -ProjectId p -Token $token").ThrowOnError();
        var error = OneError(ps.Run("Get-VoiceTrainingJob -JobId j1"), "NetworkError", ErrorCategory.ConnectionError);
        Assert.Contains("127.0.0.1", error.Exception.Message);
    }

    [Fact]
    public void One_bad_row_writes_its_error_and_the_others_go_on()
    {
        using var ps = _fx.Connect();
        var r = ps.Run("""
            @(
              [pscustomobject]@{ VoiceName = 'row ok 1'; AppUserId = 'a' },
              [pscustomobject]@{ VoiceName = 'row bad'; AppUserId = 'ü-user' },
              [pscustomobject]@{ VoiceName = 'row ok 2'; AppUserId = 'b' }
            ) | New-VoiceTrainingJob
            """);
        Assert.Equal(new[] { "row ok 1", "row ok 2" }, r.Output.Select(o => ((VoiceTrainingJob)o.BaseObject).VoiceName));
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("InvalidAppUserId,", error.FullyQualifiedErrorId);
        Assert.Equal("row bad", error.TargetObject);
    }

    [Fact]
    public void Errors_are_catchable_and_terminating_with_ErrorAction_Stop()
    {
        using var ps = _fx.Connect();
        var r = ps.Run("""
            try { Get-VoiceTrainingJob -JobId 'no-such-job' -ErrorAction Stop; 'not reached' }
            catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
            """);
        Assert.Empty(r.Errors);
        Assert.DoesNotContain(r.Output, o => (string)o.BaseObject == "not reached");
        Assert.EndsWith(",MetaStudio.Voice.Commands.GetVoiceTrainingJobCommand", (string)r.Output[0].BaseObject);
        Assert.Equal("MetaStudioServiceException", (string)r.Output[1].BaseObject);
    }
}
