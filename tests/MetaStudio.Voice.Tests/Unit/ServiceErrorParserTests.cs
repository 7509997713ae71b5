using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Tests.Unit;

public class ServiceErrorParserTests
{
    [Fact]
    public void MetaStudio_json_error_keeps_code_message_and_request_id()
    {
        var ex = ServiceErrorParser.FromRestResponse("CreateTrainingAdvanceJob", 400, "req-1",
            "{\"error_code\":\"MSS.00000003\",\"error_msg\":\"Invalid parameter\"}");
        Assert.Equal("MSS.00000003", ex.ErrorId);
        Assert.Equal("Invalid parameter", ex.ErrorMessage);
        Assert.Equal("req-1", ex.RequestId);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(MetaStudioErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains("CreateTrainingAdvanceJob", ex.Message);
        Assert.Contains("req-1", ex.Message);
    }

    [Theory]
    [InlineData(401, "APIGW.0301", MetaStudioErrorKind.Authentication)]
    [InlineData(400, "MSS.00010008", MetaStudioErrorKind.Authentication)]
    [InlineData(400, "MSS.00010009", MetaStudioErrorKind.PermissionDenied)]
    [InlineData(429, "APIGW.0308", MetaStudioErrorKind.Throttled)]
    [InlineData(500, "MSS.42000007", MetaStudioErrorKind.ServiceError)]
    [InlineData(503, "X", MetaStudioErrorKind.ServiceUnavailable)]
    [InlineData(404, "MSS.00010003", MetaStudioErrorKind.NotFound)]
    [InlineData(403, "Y", MetaStudioErrorKind.PermissionDenied)]
    public void Kinds_follow_code_then_status(int status, string code, MetaStudioErrorKind kind)
        => Assert.Equal(kind, ServiceErrorParser.FromRestResponse("Op", status, null, $"{{\"error_code\":\"{code}\",\"error_msg\":\"m\"}}").Kind);

    [Fact]
    public void Alternative_and_nested_shapes_are_found_like_the_sdks_do()
    {
        Assert.Equal("E1", ServiceErrorParser.FromRestResponse("Op", 400, null, "{\"errorCode\":\"E1\",\"errorMsg\":\"m\"}").ErrorCode);
        Assert.Equal("E2", ServiceErrorParser.FromRestResponse("Op", 400, null, "{\"error\":{\"code\":\"E2\",\"message\":\"m\"}}").ErrorCode);
        var withBodyId = ServiceErrorParser.FromRestResponse("Op", 401, null, "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"x\",\"request_id\":\"rb\"}");
        Assert.Equal("rb", withBodyId.RequestId);
    }

    [Fact]
    public void Non_json_body_falls_back_to_status()
    {
        var ex = ServiceErrorParser.FromRestResponse("Op", 502, null, "<html>Bad gateway</html>");
        Assert.Equal("HTTP502", ex.ErrorId);
        Assert.Contains("Bad gateway", ex.ErrorMessage);
        Assert.Equal(MetaStudioErrorKind.ServiceError, ex.Kind);
    }

    [Fact]
    public void Obs_xml_error_is_parsed_and_points_to_fresh_urls()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><RequestId>R1</RequestId><HostId>H</HostId></Error>";
        var ex = ServiceErrorParser.FromStorageResponse(403, null, null, "hdr", xml);
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorId);
        Assert.Equal("R1", ex.RequestId);
        Assert.Equal(MetaStudioErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("Send-VoiceTrainingData -JobId", ex.Message);
    }

    [Fact]
    public void Obs_request_timeout_arrives_as_400_but_is_a_timeout()
    {
        var ex = ServiceErrorParser.FromStorageResponse(400, null, null, null, "<Error><Code>RequestTimeout</Code><Message>slow</Message></Error>");
        Assert.Equal(MetaStudioErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public void Obs_error_without_body_uses_headers_and_a_dtd_is_refused()
    {
        Assert.Equal("AccessDenied", ServiceErrorParser.FromStorageResponse(403, "AccessDenied", "denied", null, "").ErrorId);
        var evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Error><Code>&e;</Code></Error>";
        var ex = ServiceErrorParser.FromStorageResponse(400, null, null, null, evil);
        Assert.Equal("HTTP400", ex.ErrorId);
    }
}
