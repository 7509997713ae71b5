using System;
using System.Management.Automation;
using System.Security;
using MetaStudio.Voice.Auth;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects to MetaStudio and stores the session in $MetaStudioSession.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "MetaStudio", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(MetaStudioSession))]
    public sealed class ConnectMetaStudioCommand : MetaStudioCmdlet
    {
        private const string TokenSet = "Token";

        /// <summary>An IAM user token (the X-Subject-Token of POST /v3/auth/tokens).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet, HelpMessage = "An IAM token, as a SecureString.")]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>The project id the token is scoped to.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet, HelpMessage = "The id of the project the token is scoped to.")]
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

        /// <summary>Allow plain HTTP to a host other than this machine.</summary>
        [Parameter]
        public SwitchParameter AllowInsecureHttp { get; set; }

        /// <summary>The default X-App-UserId (third-party user id, ASCII) for the session's requests.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AppUserId { get; set; }

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
                var endpoint = ResolveEndpoint();
                MetaStudioApiCmdlet.ValidateAppUserId(AppUserId);
                var auth = new TokenAuthenticator(Token!);
                var session = new MetaStudioSession(endpoint, Region?.ToLowerInvariant(), ProjectId!, AppUserId, auth,
                    HttpClientFactory.CreateRestClient(proxy: null, TimeSpan.FromSeconds(100)),
                    HttpClientFactory.CreateStorageClient(proxy: null));
                SessionState.PSVariable.Set(new PSVariable(ScopedName(Scope), session));
                WriteVerbose($"Connected to {endpoint.Host} for project {ProjectId} ({auth.Kind}); the session is in ${MetaStudioSession.VariableName} ({Scope} scope).");
                if (PassThru) WriteObject(session);
            }
            catch (Exception ex)
            {
                ThrowFailure(ex, Region ?? (object?)Endpoint);
            }
        }

        private Uri ResolveEndpoint()
        {
            Uri endpoint;
            if (Endpoint != null)
            {
                if (!Endpoint.IsAbsoluteUri)
                    throw new MetaStudioException("InvalidEndpoint", MetaStudioErrorKind.InvalidArgument,
                        $"The endpoint '{Endpoint}' is not an absolute URL. Pass e.g. https://metastudio.cn-north-4.myhuaweicloud.com or the emulator's http://127.0.0.1:PORT/.");
                endpoint = Endpoint;
            }
            else if (Region == null)
            {
                throw new MetaStudioException("RegionRequired", MetaStudioErrorKind.InvalidArgument,
                    $"Pass -Region ({string.Join(", ", Regions.Names)}) or -Endpoint.");
            }
            else if (!Regions.IsKnown(Region))
            {
                throw new MetaStudioException("UnknownRegion", MetaStudioErrorKind.InvalidArgument,
                    $"MetaStudio has no endpoint in region '{Region}'. Known regions: {string.Join(", ", Regions.Names)}. For another deployment pass -Endpoint.");
            }
            else
            {
                endpoint = Regions.MetaStudioEndpoint(Region);
            }
            if (!Regions.IsAllowedScheme(endpoint, AllowInsecureHttp))
                throw new MetaStudioException("InsecureEndpoint", MetaStudioErrorKind.Security,
                    $"The endpoint {Redactor.Url(endpoint)} does not use HTTPS. Use https://, or -AllowInsecureHttp if you really mean to send credentials in clear text (plain HTTP is allowed to this machine only).");
            return endpoint;
        }

        internal static string ScopedName(string scope) => scope switch
        {
            "Script" => "script:" + MetaStudioSession.VariableName,
            "Local" => "local:" + MetaStudioSession.VariableName,
            _ => "global:" + MetaStudioSession.VariableName,
        };
    }
}
