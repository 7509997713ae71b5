using System.Net;
using System.Text;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Unit;

public class MetaStudioClientTests
{
    private static (VoiceTrainingApi Api, FakeHandler Handler) Create(Func<HttpRequestMessage, byte[]?, HttpResponseMessage> answer)
    {
        var handler = new FakeHandler(answer);
        var client = new MetaStudioClient(new Uri("https://metastudio.cn-north-4.myhuaweicloud.com/"), "proj 1",
            new TokenAuthenticator(Secrets.Secure("tok")), new HttpClient(handler), "test/1");
        return (new VoiceTrainingApi(client, RetryPolicy.None), handler);
    }

    [Fact]
    public async Task Create_posts_snake_case_json_without_nulls_to_the_edition_path()
    {
        var (api, handler) = Create((_, _) => FakeHandler.Json(HttpStatusCode.OK, "{\"job_id\":\"j1\",\"training_data_uploading_url\":\"https://b/o?Signature=s\"}"));
        var response = await api.CreateTrainingJobAsync(VoiceTrainingEdition.Advanced,
            new CreateTrainingJobRequest { VoiceName = "v", Tag = "NEWS", CreateType = "PACKAGE" }, "user-1", NullOperationLog.Instance, default);

        Assert.Equal("j1", response.JobId);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://metastudio.cn-north-4.myhuaweicloud.com/v1/proj%201/voice-training-manage/user/middle-jobs", request.RequestUri!.AbsoluteUri);
        Assert.Equal("{\"tag\":\"NEWS\",\"voice_name\":\"v\",\"create_type\":\"PACKAGE\"}", Encoding.UTF8.GetString(body!));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("tok", request.Headers.GetValues("X-Auth-Token").Single());
        Assert.Equal("user-1", request.Headers.GetValues("X-App-UserId").Single());
    }

    [Fact]
    public async Task Commit_without_fields_sends_no_body()
    {
        var (api, handler) = Create((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        await api.CommitVoiceTrainingJobAsync("j/1", new CommitJobRequest(), null, NullOperationLog.Instance, default);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.EndsWith("/voice-training-manage/user/jobs/j%2F1", request.RequestUri!.AbsoluteUri);
        Assert.Null(body);
    }

    [Fact]
    public async Task Service_error_becomes_a_service_exception()
    {
        var (api, _) = Create((_, _) => FakeHandler.Json(HttpStatusCode.BadRequest, "{\"error_code\":\"MSS.10000003\",\"error_msg\":\"bad\"}", "rid"));
        var ex = await Assert.ThrowsAsync<MetaStudioServiceException>(() => api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default));
        Assert.Equal("MSS.10000003", ex.ErrorCode);
        Assert.Equal("rid", ex.RequestId);
        Assert.Equal("ShowVoiceTrainingJob", ex.Operation);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"job_id\": 12, ")]
    [InlineData("[1,2,3]")]
    public async Task Broken_success_body_is_an_invalid_response_not_a_crash(string body)
    {
        var (api, _) = Create((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default));
        Assert.Equal("InvalidServiceResponse", ex.ErrorId);
        Assert.Equal(MetaStudioErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task Create_answer_without_job_id_is_reported_not_swallowed()
    {
        var (api, _) = Create((_, _) => FakeHandler.Json(HttpStatusCode.OK, "{}"));
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => api.CreateTrainingJobAsync(VoiceTrainingEdition.Premium,
            new CreateTrainingJobRequest { VoiceName = "v" }, null, NullOperationLog.Instance, default));
        Assert.Equal("InvalidServiceResponse", ex.ErrorId);
        Assert.Contains("'v'", ex.Message);
    }

    [Fact]
    public async Task Transport_failure_is_a_network_error()
    {
        var (api, _) = Create((_, _) => throw new HttpRequestException("Connection refused"));
        var ex = await Assert.ThrowsAsync<MetaStudioException>(() => api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default));
        Assert.Equal("NetworkError", ex.ErrorId);
        Assert.Equal(MetaStudioErrorKind.Network, ex.Kind);
    }

    [Fact]
    public async Task Unknown_fields_and_states_pass_through()
    {
        var (api, _) = Create((_, _) => FakeHandler.Json(HttpStatusCode.OK,
            "{\"job_id\":\"j\",\"state\":\"SOME_NEW_STATE\",\"job_type\":\"LLM_MAJOR\",\"new_field\":{\"x\":1},\"create_time\":1700000000000}"));
        var info = await api.ShowVoiceTrainingJobAsync("j", null, NullOperationLog.Instance, default);
        var job = VoiceTrainingJob.FromInfo(info, null);
        Assert.Equal("SOME_NEW_STATE", job.State);
        Assert.Equal("LLM_MAJOR", job.Edition);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), job.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, job.CreatedAt!.Value.Kind);
    }
}
