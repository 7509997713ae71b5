using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Upload
{
    internal static class UploadUrls
    {
        /// <summary>
        /// OBS's answer to a presigned URL whose time is up: 403 with "expired" in the message (or an
        /// expiry code). Only then is a fresh URL worth asking for; any other 403 is final.
        /// </summary>
        public static bool IsExpired(ObjectStorageException ex)
            => ex.StatusCode == 403 && (ex.Code == "RequestExpired" || ex.Code == "ExpiredToken" ||
                                        (ex.ErrorMessage ?? "").IndexOf("expire", System.StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
