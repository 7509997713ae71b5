using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Tests.Unit;

public class RetryTests
{
    private static RetryPolicy Fast(int retries = 3) => new(retries, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), seed: 1);

    private static (VoiceTrainingApi Api, FakeHandler Handler) Api(Func<HttpRequestMessage, byte[]?, HttpResponseMessage> answer, RetryPolicy? retry = null)
    {
        var handler = new FakeHandler(answer);
        var client = new MetaStudioClient(new Uri("https://ms/"), "p", new TokenAuthenticator(Secrets.Secure("t")), new HttpClient(handler), "ua");
        return (new VoiceTrainingApi(client, retry ?? Fast()), handler);
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, int? retryAfter = null)
    {
        var r = FakeHandler.Json(status, $"{{\"error_code\":\"{code}\",\"error_msg\":\"m\"}}");
        if (retryAfter.HasValue) r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfter.Value));
        return r;
    }

    [Fact]
    public void Delays_are_full_jitter_under_an_exponential_cap_and_honour_Retry_After()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), seed: 42);
        for (var retry = 1; retry <= 8; retry++)
        {
            var cap = Math.Min(30, Math.Pow(2, retry - 1));
            var delays = Enumerable.Range(0, 50).Select(_ => policy.DelayBefore(retry, null).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, cap));
            Assert.True(delays.Distinct().Count() > 10, "jittered");
        }
        Assert.True(policy.DelayBefore(1, TimeSpan.FromSeconds(7)) >= TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.DelayBefore(1, TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(503, "X", true)]
    [InlineData(500, "MSS.42000007", true)]
    [InlineData(502, "X", true)]
    [InlineData(504, "X", true)]
    [InlineData(408, "X", true)]
    [InlineData(429, "APIGW.0308", true)]
    [InlineData(400, "MSS.00000003", false)]
    [InlineData(401, "APIGW.0301", false)]
    [InlineData(403, "X", false)]
    [InlineData(404, "X", false)]
    public void Rest_failures_are_classified_by_status_and_code(int status, string code, bool transient)
        => Assert.Equal(transient, RetryPolicy.IsTransient(ServiceErrorParser.FromRestResponse("Op", status, null, $"{{\"error_code\":\"{code}\"}}")));

    [Theory]
    [InlineData(400, "RequestTimeout", true)]
    [InlineData(503, "SlowDown", true)]
    [InlineData(500, "InternalError", true)]
    [InlineData(403, "SignatureDoesNotMatch", false)]
    [InlineData(403, "AccessDenied", false)]
    [InlineData(400, "BadDigest", false)]
    [InlineData(411, "MissingContentLength", false)]
    public void Obs_failures_are_classified_by_code_not_only_status(int status, string code, bool transient)
        => Assert.Equal(transient, RetryPolicy.IsTransient(ServiceErrorParser.FromStorageResponse(status, null, null, null, $"<Error><Code>{code}</Code></Error>")));

    [Fact]
    public void Only_connect_failures_and_gateway_throttling_prove_a_request_was_not_applied()
    {
        var refused = new MetaStudioException("NetworkError", MetaStudioErrorKind.Network, "x", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)));
        var reset = new MetaStudioException("NetworkError", MetaStudioErrorKind.Network, "x", new HttpRequestException("x", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(RetryPolicy.ProvablyNotApplied(refused));
        Assert.False(RetryPolicy.ProvablyNotApplied(reset));
        Assert.True(RetryPolicy.ProvablyNotApplied(ServiceErrorParser.FromRestResponse("Op", 429, null, "{\"error_code\":\"APIGW.0308\"}")));
        Assert.False(RetryPolicy.ProvablyNotApplied(ServiceErrorParser.FromRestResponse("Op", 503, null, "{}")));
    }

    [Fact]
    public async Task Reads_are_retried_until_they_succeed()
    {
        var n = 0;
        var (api, handler) = Api((_, _) => ++n < 3 ? Error(HttpStatusCode.ServiceUnavailable, "X", 0) : FakeHandler.Json(HttpStatusCode.OK, "{\"job_id\":\"j\",\"state\":\"WAITING\"}"));
        var info = await api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default);
        Assert.Equal("WAITING", info.State);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Validation_errors_are_never_retried_and_the_final_failure_counts_its_attempts()
    {
        var (api, handler) = Api((_, _) => Error(HttpStatusCode.BadRequest, "MSS.00000003"));
        await Assert.ThrowsAsync<MetaStudioServiceException>(() => api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default));
        Assert.Single(handler.Requests);

        var (api2, handler2) = Api((_, _) => Error(HttpStatusCode.BadGateway, "X"));
        var ex = await Assert.ThrowsAsync<MetaStudioServiceException>(() => api2.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default));
        Assert.Equal(4, handler2.Requests.Count);
        Assert.Equal(4, ex.Attempts);
        Assert.Contains("Gave up after 4 attempts", ex.Message);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_looked_up_and_adopted_not_sent_again()
    {
        var (api, handler) = Api((request, _) =>
        {
            if (request.Method == HttpMethod.Post) throw new HttpRequestException("The response ended prematurely.", new IOException("reset"));
            return FakeHandler.Json(HttpStatusCode.OK, $"{{\"count\":1,\"jobs\":[{{\"job_id\":\"made-it\",\"voice_name\":\"v\",\"job_type\":\"ADVANCE\",\"state\":\"CREATING\",\"create_time\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}]}}");
        });
        var created = await api.CreateTrainingJobAsync(VoiceTrainingEdition.Premium, new CreateTrainingJobRequest { VoiceName = "v" }, null, NullOperationLog.Instance, default);
        Assert.Equal("made-it", created.JobId);
        Assert.Single(handler.Requests, r => r.Request.Method == HttpMethod.Post);
        var list = Assert.Single(handler.Requests, r => r.Request.Method == HttpMethod.Get);
        Assert.Contains("voice_name=v", list.Request.RequestUri!.Query);
        Assert.Contains("job_type=ADVANCE", list.Request.RequestUri.Query);
    }

    [Fact]
    public async Task A_create_that_did_not_happen_is_sent_again_after_looking()
    {
        var posts = 0;
        var (api, handler) = Api((request, _) =>
        {
            if (request.Method == HttpMethod.Post)
                return ++posts == 1 ? Error(HttpStatusCode.ServiceUnavailable, "X") : FakeHandler.Json(HttpStatusCode.OK, "{\"job_id\":\"second\"}");
            return FakeHandler.Json(HttpStatusCode.OK, "{\"count\":0,\"jobs\":[]}");
        });
        var created = await api.CreateTrainingJobAsync(VoiceTrainingEdition.Basic, new CreateTrainingJobRequest { VoiceName = "v" }, null, NullOperationLog.Instance, default);
        Assert.Equal("second", created.JobId);
        Assert.Equal(new[] { "POST", "GET", "POST" }, handler.Requests.Select(r => r.Request.Method.Method));
    }

    [Fact]
    public async Task A_throttled_create_is_retried_without_looking_the_gateway_refused_it()
    {
        var posts = 0;
        var (api, handler) = Api((request, _) => ++posts == 1 ? Error((HttpStatusCode)429, "APIGW.0308", 0) : FakeHandler.Json(HttpStatusCode.OK, "{\"job_id\":\"j\"}"));
        await api.CreateTrainingJobAsync(VoiceTrainingEdition.Basic, new CreateTrainingJobRequest { VoiceName = "v" }, null, NullOperationLog.Instance, default);
        Assert.Equal(new[] { "POST", "POST" }, handler.Requests.Select(r => r.Request.Method.Method));
    }

    [Fact]
    public async Task A_failed_upload_is_resent_whole_and_the_progress_rewound()
    {
        using var data = new TestData();
        var file = data.Text("a.zip", "PK\u0003\u0004" + new string((char)120, 2_999_996));
        var n = 0;
        var handler = new FakeHandler((_, body) => ++n == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<Error><Code>SlowDown</Code><Message>slow down</Message></Error>") }
            : new HttpResponseMessage(HttpStatusCode.OK));
        var uploader = new TrainingDataUploader(new ObjectUploader(new HttpClient(handler)), Fast());
        var targets = new UploadTargetSource(new UploadTargets { TrainingData = new Uri("https://b/x.zip?Signature=s") }, _ => throw new InvalidOperationException());
        var progress = new TransferProgress();
        await uploader.UploadPackageAsync(TrainingPackage.Resolve(file), targets, progress, NullOperationLog.Instance, default);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(3_000_000, r.Body!.Length));
        Assert.Equal(3_000_000, progress.Done);
    }

    [Fact]
    public async Task A_stalled_upload_is_aborted_by_the_watchdog()
    {
        using var data = new TestData();
        var file = data.Text("b.zip", "PK\u0003\u0004 some bytes");
        var handler = new StallingHandler();
        var uploader = new ObjectUploader(new HttpClient(handler), TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => uploader.PutFileAsync(new Uri("https://b/x"), file, "application/zip", null, NullOperationLog.Instance, default));
        Assert.Equal("UploadStalled", ex.ErrorId);
        Assert.True(RetryPolicy.IsTransient(ex));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.25, 5);
    }

    private sealed class StallingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
