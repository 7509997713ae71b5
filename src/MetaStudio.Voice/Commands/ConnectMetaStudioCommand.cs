using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects to MetaStudio and stores the session in $MetaStudioSession.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "MetaStudio", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(MetaStudioSession))]
    public sealed class ConnectMetaStudioCommand : MetaStudioCmdlet
    {
        private const string TokenSet = "Token";
        private const string AccessKeySet = "AccessKey";
        private const string PasswordSet = "Password";
        private const string EnvironmentSet = "Environment";

        /// <summary>An IAM user token (the X-Subject-Token of POST /v3/auth/tokens).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet, HelpMessage = "An IAM token, as a SecureString.")]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>The access key id (AK) of an access key pair.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet, HelpMessage = "The access key id (AK).")]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>The secret access key (SK).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet, HelpMessage = "The secret access key (SK), as a SecureString.")]
        [ValidateNotNull]
        public SecureString? SecretKey { get; set; }

        /// <summary>The security token of temporary access keys (sent as X-Security-Token).</summary>
        [Parameter(ParameterSetName = AccessKeySet)]
        [ValidateNotNull]
        public SecureString? SecurityToken { get; set; }

        /// <summary>The IAM user's name and password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PasswordSet, HelpMessage = "The IAM user name and password.")]
        [ValidateNotNull]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The account (domain) name the IAM user belongs to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PasswordSet, HelpMessage = "The account (domain) name of the IAM user.")]
        [ValidateNotNullOrEmpty]
        public string? DomainName { get; set; }

        /// <summary>The project id; looked up from -Region when omitted with keys or a password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet, HelpMessage = "The id of the project the token is scoped to.")]
        [Parameter(ParameterSetName = AccessKeySet)]
        [Parameter(ParameterSetName = PasswordSet)]
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>The region: cn-north-4, cn-east-3 or ap-southeast-3.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Region { get; set; }

        /// <summary>A MetaStudio endpoint to use instead of the region's, e.g. the emulator's URL.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Endpoint { get; set; }

        /// <summary>An IAM endpoint to use instead of the region's (sign-in and project lookup).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? IamEndpoint { get; set; }

        /// <summary>Allow plain HTTP to a host other than this machine.</summary>
        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        /// <summary>A proxy for every request and upload; by default the system proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for -Proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>The default X-App-UserId (third-party user id, ASCII) for the session's requests.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppUserId { get; set; }

        /// <summary>Retries after a transient failure (503, 429, RequestTimeout, a reset connection, ...); default 3.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetry { get; set; } = Client.RetryPolicy.DefaultMaxRetries;

        /// <summary>The base of the exponential backoff between retries (seconds or a TimeSpan); default 1 s.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan? RetryDelay { get; set; }

        /// <summary>Abort (and retry) an upload that moves no bytes for this long (seconds or a TimeSpan); default 60 s.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan? StallTimeout { get; set; }

        /// <summary>Where to store the session variable: Global (default), Script or Local.</summary>
        [Parameter]
        [ValidateSet("Global", "Script", "Local")]
        public string Scope { get; set; } = "Global";

        /// <summary>Also write the session to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                if (ProxyCredential != null && Proxy == null)
                    throw new Client.MetaStudioException("ProxyRequired", Client.MetaStudioErrorKind.InvalidArgument, "-ProxyCredential needs -Proxy.");
                var options = new ConnectOptions
                {
                    Region = Region,
                    Endpoint = Endpoint,
                    IamEndpoint = IamEndpoint,
                    AllowInsecureHttp = AllowInsecureHttp,
                    AppUserId = AppUserId,
                    ProjectId = ProjectId,
                    Proxy = Proxy == null ? null : new WebProxy(Proxy) { Credentials = ProxyCredential?.GetNetworkCredential() },
                    Token = Token,
                    AccessKey = AccessKey,
                    SecretKey = SecretKey,
                    SecurityToken = SecurityToken,
                    UserName = Credential?.UserName,
                    Password = Credential?.Password,
                    DomainName = DomainName,
                    MaxRetry = MaxRetry,
                    RetryDelay = RetryDelay,
                    StallTimeout = StallTimeout,
                };
                if (RetryDelay.HasValue && (RetryDelay.Value <= TimeSpan.Zero || RetryDelay.Value > TimeSpan.FromMinutes(5)))
                    throw new Client.MetaStudioException("InvalidRetryDelay", Client.MetaStudioErrorKind.InvalidArgument, "-RetryDelay must be more than 0 and at most 5 minutes.");
                if (StallTimeout.HasValue && StallTimeout.Value < TimeSpan.FromMilliseconds(100))
                    throw new Client.MetaStudioException("InvalidStallTimeout", Client.MetaStudioErrorKind.InvalidArgument, "-StallTimeout must be at least 0.1 s; the default is 60 s.");
                var session = Await(ct => SessionFactory.CreateAsync(options, Log, ct));
                SessionState.PSVariable.Set(new PSVariable(ScopedName(Scope), session));
                WriteVerbose($"Connected to {session.Endpoint.Host} for project {session.ProjectId} ({session.AuthenticationKind}" +
                             (session.Identity != null ? $", {session.Identity}" : "") + $"); the session is in ${MetaStudioSession.VariableName} ({Scope} scope).");
                if (PassThru) WriteObject(session);
            }
            catch (Exception ex)
            {
                ThrowFailure(ex, Region ?? (object?)Endpoint);
            }
        }

        // ValidateSet ignores case, so this must too: "-Scope local" means Local.
        internal static string ScopedName(string scope) => scope.ToUpperInvariant() switch
        {
            "SCRIPT" => "script:" + MetaStudioSession.VariableName,
            "LOCAL" => "local:" + MetaStudioSession.VariableName,
            _ => "global:" + MetaStudioSession.VariableName,
        };
    }
}
