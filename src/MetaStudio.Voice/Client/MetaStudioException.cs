using System;

namespace MetaStudio.Voice.Client
{
    /// <summary>What kind of failure an exception is; the cmdlets map it to an ErrorCategory.</summary>
    public enum MetaStudioErrorKind
    {
        InvalidArgument,
        InvalidOperation,
        NotFound,
        Authentication,
        PermissionDenied,
        Throttled,
        LimitsExceeded,
        ServiceError,
        ServiceUnavailable,
        Network,
        Timeout,
        InvalidResponse,
        ReadError,
        Security,
    }

    /// <summary>
    /// A failure the module understands. ErrorId is stable (scripts may match on it); the message is
    /// redacted and says what to do next.
    /// </summary>
    public class MetaStudioException : Exception
    {
        public MetaStudioException(string errorId, MetaStudioErrorKind kind, string message, Exception? innerException = null)
            : base(Redactor.Text(message), innerException)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        /// <summary>The stable error id, e.g. MSS.00000003, SignatureDoesNotMatch, NoSession.</summary>
        public string ErrorId { get; }

        public MetaStudioErrorKind Kind { get; }

        /// <summary>How many times the request was tried before giving up (1 when it was not retried).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>How long the server asked to wait (Retry-After), if it did.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        public override string Message => Attempts > 1 ? $"{base.Message} (Gave up after {Attempts} attempts.)" : base.Message;
    }

    /// <summary>An error answer of the MetaStudio REST API: {error_code, error_msg}.</summary>
    public sealed class MetaStudioServiceException : MetaStudioException
    {
        internal MetaStudioServiceException(string operation, int statusCode, string errorCode, string errorMessage,
            string? requestId, MetaStudioErrorKind kind, string message)
            : base(errorCode, kind, message)
        {
            Operation = operation;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            ErrorMessage = Redactor.Text(errorMessage);
            RequestId = requestId;
        }

        /// <summary>The API operation, as the official SDKs name it (e.g. CreateTrainingAdvanceJob).</summary>
        public string Operation { get; }
        public int StatusCode { get; }
        /// <summary>The service's error_code (e.g. MSS.00000003, APIGW.0301).</summary>
        public string ErrorCode { get; }
        /// <summary>The service's error_msg.</summary>
        public string ErrorMessage { get; }
        /// <summary>The X-Request-Id to quote to Huawei support.</summary>
        public string? RequestId { get; }
    }

    /// <summary>An error answer of OBS to a presigned upload: XML Code/Message/RequestId.</summary>
    public sealed class ObjectStorageException : MetaStudioException
    {
        internal ObjectStorageException(int statusCode, string code, string errorMessage, string? requestId,
            MetaStudioErrorKind kind, string message)
            : base(code, kind, message)
        {
            StatusCode = statusCode;
            Code = code;
            ErrorMessage = Redactor.Text(errorMessage);
            RequestId = requestId;
        }

        public int StatusCode { get; }
        /// <summary>OBS's error Code (e.g. SignatureDoesNotMatch, AccessDenied, RequestTimeout).</summary>
        public string Code { get; }
        public string ErrorMessage { get; }
        public string? RequestId { get; }
    }
}
