namespace MetaStudio.Voice.Emulator;

/// <summary>A MetaStudio error answer: HTTP status + {"error_code","error_msg","request_id"}.</summary>
internal sealed class ApiException(int status, string errorCode, string errorMessage) : Exception(errorMessage)
{
    public int Status { get; } = status;
    public string ErrorCode { get; } = errorCode;
    public string ErrorMessage { get; } = errorMessage;
}

/// <summary>
/// The error codes the emulator answers with. Where the reference (§5) is silent, the choice is stated here.
/// </summary>
internal static class ApiErrors
{
    public static ApiException InvalidToken() =>
        new(401, "APIGW.0301", "Incorrect IAM authentication information: token invalid or missing");

    public static ApiException TenantMismatch() =>
        new(400, "MSS.00010009", "urlTenantId is not equal tokenTenantId");

    public static ApiException BadJson(string? detail = null) =>
        new(400, "MSS.10000002", detail is null ? "Request JSON exception" : $"Request JSON exception: {detail}");

    public static ApiException Validation(string detail) =>
        new(400, "MSS.10000003", $"Parameter validation abnormal: {detail}");

    public static ApiException InvalidParameter(string detail) =>
        new(400, "MSS.00000003", $"Invalid parameter: {detail}");

    /// <summary>
    /// Unknown job (or a job of another project). The real service's answer is undocumented; the emulator chooses
    /// HTTP 400 MSS.00000003 ("Invalid parameter"), in line with the reference's 400-only error tables.
    /// </summary>
    public static ApiException JobNotFound(string jobId) =>
        new(400, "MSS.00000003", $"Invalid parameter: job not found: {jobId}");

    public static ApiException ApiNotFound() => new(404, "MSS.00010003", "SR.api not found");

    /// <summary>Known path, wrong method. Code from the reference; HTTP 405 is the emulator's choice.</summary>
    public static ApiException MethodNotAllowed() => new(405, "MSS.00010004", "SR.method not allowed");
}
