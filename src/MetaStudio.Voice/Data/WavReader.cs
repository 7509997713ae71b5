using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace MetaStudio.Voice.Data
{
    /// <summary>
    /// Read-only RIFF/WAVE header parser. Walks the chunks generically (any order, odd sizes plus pad
    /// byte whatever its value, LIST/JUNK/bext/... anywhere), seeks past the audio instead of reading it,
    /// and reports malformations as <see cref="WavIssue"/>s instead of throwing: only I/O errors of the
    /// stream escape. RF64/BW64 is read through its ds64 chunk. <see cref="Analyze"/> is the optional
    /// streaming pass over the samples.
    /// </summary>
    internal static class WavReader
    {
        /// <summary>Chunks walked at most; a file of tiny chunks must not keep us busy.</summary>
        internal const int MaxChunks = 10_000;
        /// <summary>fmt bytes read at most (the rest of a larger fmt chunk is skipped).</summary>
        internal const int MaxFmtBytes = 1024;
        internal const double DefaultSilenceThresholdDbfs = -60.0;

        internal const int TagPcm = 0x0001;
        internal const int TagFloat = 0x0003;
        internal const int TagALaw = 0x0006;
        internal const int TagMuLaw = 0x0007;
        internal const int TagExtensible = 0xFFFE;

        private const string ConvertHint =
            "Convert it to PCM WAV, e.g. 'ffmpeg -i <input> -c:a pcm_s16le <output>.wav'.";
        private const string ResaveHint =
            "Re-save it with an audio editor or 'ffmpeg -i <input> -c copy <output>.wav' to rewrite the header.";

        internal static WavInfo Read(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess))
            {
                return Read(stream, path);
            }
        }

        /// <summary>
        /// Parses the WAV that starts at the stream's current position; <paramref name="length"/> (default:
        /// the rest of the stream) bounds it. Offsets in the result are relative to that start.
        /// </summary>
        internal static WavInfo Read(Stream seekableStream, string name, long? length = null)
        {
            if (seekableStream == null) throw new ArgumentNullException(nameof(seekableStream));
            if (!seekableStream.CanRead || !seekableStream.CanSeek)
                throw new ArgumentException("WavReader needs a readable, seekable stream.", nameof(seekableStream));
            var start = seekableStream.Position;
            var available = Math.Max(0, seekableStream.Length - start);
            var len = length.HasValue ? Math.Max(0, Math.Min(length.Value, available)) : available;
            return new Parser(seekableStream, name ?? "", start, len).Run();
        }

        // ------------------------------------------------------------------------------------------
        private sealed class Parser
        {
            private readonly Stream _stream;
            private readonly long _base;
            private readonly long _len;
            private readonly WavInfo _info;
            private readonly List<WavIssue> _issues = new List<WavIssue>();
            private readonly List<string> _chunks = new List<string>();
            private readonly byte[] _buf = new byte[MaxFmtBytes];
            private long _bytesRead;

            private bool _rf64;
            private long? _ds64Riff;
            private long? _ds64Data;
            private Dictionary<string, long>? _ds64Table;

            private bool _fmtSeen;
            private bool _fmtOk;
            private long _dataOffset = -1;
            private long _dataBytes;

            internal Parser(Stream stream, string name, long start, long len)
            {
                _stream = stream;
                _base = start;
                _len = len;
                _info = new WavInfo { Name = name, FileSize = len };
            }

            internal WavInfo Run()
            {
                if (_len == 0)
                {
                    Error(WavIssueCodes.Empty, "The file is empty (0 bytes): the recording or copy failed. Re-export or re-copy it.");
                    return Finish();
                }
                var head = new byte[16];
                var n = ReadAt(0, head, 16);
                if (!DetectContainer(head, n)) return Finish();

                var riffSize = U32(head, 4);
                if (_rf64) ReadDs64();
                var walkLimit = RiffLimit(riffSize, out var declaredEnd);
                var walkEnd = Walk(walkLimit, out var extended);
                CheckRiffEnd(declaredEnd, walkEnd, extended);
                return Finish();
            }

            // ---- magic --------------------------------------------------------------------------
            private bool DetectContainer(byte[] h, int n)
            {
                var magic = n >= 4 ? Ascii(h, 0, 4) : "";
                if (magic == "RIFF" || magic == "RF64" || magic == "BW64")
                {
                    _info.Container = magic;
                    if (n < 12)
                    {
                        Error(WavIssueCodes.TruncatedHeader,
                            $"The file is only {_len} bytes, shorter than the 12-byte RIFF/WAVE header: it was cut off while recording or copying. Re-export or re-copy it.");
                        return false;
                    }
                    var form = Ascii(h, 8, 4);
                    if (form != "WAVE")
                    {
                        Error(WavIssueCodes.NotWavRiffForm,
                            $"This is a RIFF '{Printable(form)}' file (e.g. AVI, MIDI or WebP), not RIFF 'WAVE' audio. {ConvertHint}");
                        return false;
                    }
                    _info.IsWav = true;
                    _rf64 = magic != "RIFF";
                    return true;
                }
                if (n < 4 && IsPrefixOfWavMagic(h, n))
                {
                    _info.Container = "RIFF";
                    Error(WavIssueCodes.TruncatedHeader,
                        $"The file is only {_len} bytes, shorter than the 12-byte RIFF/WAVE header: it was cut off while recording or copying. Re-export or re-copy it.");
                    return false;
                }
                if (magic == "RIFX")
                {
                    _info.Container = "RIFX";
                    Error(WavIssueCodes.NotWavRifx,
                        $"This is a big-endian RIFX WAV, which few tools and services read. {ConvertHint}");
                    return false;
                }
                if (magic == "FORM")
                {
                    _info.Container = "FORM";
                    var form = n >= 12 ? Printable(Ascii(h, 8, 4)) : "?";
                    Error(WavIssueCodes.NotWavAiff,
                        $"This is an AIFF/AIFF-C file (FORM/{form}) renamed to .wav: it is big-endian and not WAV. {ConvertHint}");
                    return false;
                }
                if (magic == "OggS" || magic == "fLaC")
                {
                    _info.Container = magic;
                    var kind = magic == "OggS" ? "an Ogg (Vorbis/Opus) file" : "a FLAC file";
                    Error(WavIssueCodes.NotWavOggOrFlac, $"This is {kind} renamed to .wav, not WAV audio. {ConvertHint}");
                    return false;
                }
                if (n >= 3 && h[0] == (byte)'I' && h[1] == (byte)'D' && h[2] == (byte)'3')
                {
                    _info.Container = "ID3";
                    Error(WavIssueCodes.NotWavMp3, $"This is an MP3 file (ID3 tag) renamed to .wav, not WAV audio. {ConvertHint}");
                    return false;
                }
                if (n >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0)
                {
                    var layer = (h[1] >> 1) & 3;
                    if (layer == 0 && (h[1] & 0xF6) == 0xF0)
                    {
                        _info.Container = "ADTS";
                        Error(WavIssueCodes.NotWavAac, $"This is an AAC (ADTS) file renamed to .wav, not WAV audio. {ConvertHint}");
                        return false;
                    }
                    if (layer != 0)
                    {
                        _info.Container = "MPEG";
                        Error(WavIssueCodes.NotWavMp3, $"This is an MP3 file (MPEG audio frames) renamed to .wav, not WAV audio. {ConvertHint}");
                        return false;
                    }
                }
                if (n >= 8 && Ascii(h, 4, 4) == "ftyp")
                {
                    _info.Container = "MP4";
                    Error(WavIssueCodes.NotWavMp4, $"This is an MP4/M4A file renamed to .wav, not WAV audio. {ConvertHint}");
                    return false;
                }
                if (n >= 8 && magic == "riff" && h[4] == 0x2E && h[5] == 0x91 && h[6] == 0xCF && h[7] == 0x11)
                {
                    _info.Container = "W64";
                    Error(WavIssueCodes.NotWavW64, $"This is a Sony Wave64 (.w64) file, which few tools and services read. {ConvertHint}");
                    return false;
                }
                var shown = Math.Min(n, 8);
                var hex = BitConverter.ToString(h, 0, shown).Replace('-', ' ');
                Error(WavIssueCodes.NotWavUnknown,
                    $"This is not a WAV file: it starts with bytes {hex} instead of 'RIFF'. {ConvertHint}");
                return false;
            }

            private static bool IsPrefixOfWavMagic(byte[] h, int n)
            {
                foreach (var m in new[] { "RIFF", "RF64", "BW64" })
                {
                    var match = true;
                    for (var i = 0; i < n && match; i++) match = h[i] == (byte)m[i];
                    if (match) return true;
                }
                return false;
            }

            // ---- RF64 ---------------------------------------------------------------------------
            private void ReadDs64()
            {
                var hdr = new byte[8];
                if (_len >= 20 && ReadAt(12, hdr, 8) == 8 && Ascii(hdr, 0, 4) == "ds64" && U32(hdr, 4) >= 24)
                {
                    var size = U32(hdr, 4);
                    var want = (int)Math.Min(Math.Min(size, MaxFmtBytes), Math.Max(0, _len - 20));
                    var n = ReadAt(20, _buf, want);
                    if (n >= 24)
                    {
                        _ds64Riff = (long)U64(_buf, 0);
                        _ds64Data = (long)U64(_buf, 8);
                        if (n >= 28)
                        {
                            var entries = U32(_buf, 24);
                            for (long i = 0, at = 28; i < entries && at + 12 <= n; i++, at += 12)
                            {
                                _ds64Table ??= new Dictionary<string, long>(StringComparer.Ordinal);
                                _ds64Table[Ascii(_buf, (int)at, 4)] = (long)U64(_buf, (int)at + 4);
                            }
                        }
                        if (_ds64Riff < 0 || _ds64Data < 0) { _ds64Riff = null; _ds64Data = null; }
                    }
                }
                if (_ds64Data.HasValue)
                {
                    Warning(WavIssueCodes.Rf64,
                        $"This is an {_info.Container} WAV (64-bit sizes, read through its ds64 chunk). Many tools and upload services accept only plain RIFF WAV below 4 GiB; if it is rejected, convert it, e.g. 'ffmpeg -i <input> -rf64 never -c:a pcm_s16le <output>.wav'.", 12);
                }
                else
                {
                    Warning(WavIssueCodes.Rf64MissingDs64,
                        $"This {_info.Container} WAV has no valid ds64 chunk right after 'WAVE', so its 64-bit sizes are unknown; the sizes are taken from the file length. {ResaveHint}", 12);
                }
            }

            // ---- RIFF size ------------------------------------------------------------------------
            /// <summary>Where the walk stops first: the declared end of the RIFF chunk, or the file end.</summary>
            private long RiffLimit(uint riffSize, out long declaredEnd)
            {
                long? declared = null;
                if (_rf64)
                {
                    if (_ds64Riff.HasValue) declared = _ds64Riff.Value;
                    else if (riffSize != 0 && riffSize != uint.MaxValue) declared = riffSize;
                }
                else if (riffSize != 0 && riffSize != uint.MaxValue)
                {
                    declared = riffSize;
                }
                else
                {
                    Warning(WavIssueCodes.RiffSizeUnknown,
                        $"The RIFF size field is 0x{riffSize:X8} (a streaming writer never filled it in); the file length is used instead. {ResaveHint}", 4);
                }

                declaredEnd = declared.HasValue ? declared.Value + 8 : _len;
                if (declaredEnd == _len) return _len;
                if (declaredEnd > _len)
                {
                    Warning(WavIssueCodes.RiffSizeMismatch,
                        $"The RIFF header declares {declared} bytes after it but the file has {_len - 8}: the file is truncated or the header is stale. It is read up to the end of the file; if audio is missing, re-export it.", 4);
                    return _len;
                }
                if (declaredEnd < 12)
                {
                    Warning(WavIssueCodes.RiffSizeMismatch,
                        $"The RIFF header declares only {declared} bytes, too few for a WAVE file of {_len} bytes; the file length is used instead. {ResaveHint}", 4);
                    declaredEnd = _len;
                    return _len;
                }
                return declaredEnd; // shorter than the file: trailing bytes, or a stale size (decided after the walk)
            }

            private void CheckRiffEnd(long declaredEnd, long walkEnd, bool extended)
            {
                if (declaredEnd >= _len) return;
                if (extended || walkEnd > declaredEnd)
                {
                    Warning(WavIssueCodes.RiffSizeMismatch,
                        $"The RIFF header declares {declaredEnd - 8} bytes but the chunks run to byte {Math.Min(walkEnd, _len)} of {_len} (a stale size, often off by a pad byte). The whole file was read; {ResaveHint}", 4);
                }
                else
                {
                    Warning(WavIssueCodes.TrailingBytes,
                        $"{_len - declaredEnd} byte(s) after the end of the RIFF chunk (offset {declaredEnd}) are not part of the WAV and were ignored. Harmless; re-save the file to drop them.", declaredEnd);
                }
            }

            // ---- chunk walk ---------------------------------------------------------------------
            /// <summary>Walks the chunks from offset 12; returns the offset where the walk ended.</summary>
            private long Walk(long limit, out bool extended)
            {
                extended = false;
                long pos = 12;
                var count = 0;
                var previousOdd = false;
                var hdr = new byte[9];
                while (true)
                {
                    if (pos + 8 > limit)
                    {
                        if (limit < _len && (!_fmtSeen || _dataOffset < 0) && pos + 8 <= _len)
                        {
                            // The RIFF size is too small: keep looking for fmt/data in the rest of the file.
                            extended = true;
                            limit = _len;
                            continue;
                        }
                        if (pos < limit)
                        {
                            Warning(WavIssueCodes.TrailingBytes,
                                $"{limit - pos} byte(s) at offset {pos} are too few for a chunk header and were ignored.", pos);
                        }
                        return pos;
                    }
                    if (count >= MaxChunks)
                    {
                        Warning(WavIssueCodes.TooManyChunks,
                            $"The file has more than {MaxChunks} chunks; reading stopped at offset {pos}. A real recording has a handful; {ResaveHint}", pos);
                        return pos;
                    }

                    int h; // offset of the header in hdr
                    if (previousOdd)
                    {
                        // Pad byte expected at pos-1: skip it whatever its value, but recover when a writer omitted it.
                        var got = ReadAt(pos - 1, hdr, 9);
                        h = 1;
                        if (got < 9 || !IsChunkId(hdr, 1))
                        {
                            if (got >= 8 && IsChunkId(hdr, 0) && (pos - 1) + 8 + U32(hdr, 4) <= _len)
                            {
                                h = 0;
                                pos -= 1;
                                Warning(WavIssueCodes.MissingPadByte,
                                    $"The odd-sized chunk before offset {pos} is not followed by the pad byte RIFF requires; read anyway. {ResaveHint}", pos);
                            }
                            else if (got < 9)
                            {
                                return pos;
                            }
                        }
                    }
                    else
                    {
                        if (ReadAt(pos, hdr, 8) < 8) return pos;
                        h = 0;
                    }

                    if (!IsChunkId(hdr, h))
                    {
                        var hex = BitConverter.ToString(hdr, h, 8).Replace('-', ' ');
                        Warning(WavIssueCodes.InvalidChunk,
                            $"The bytes at offset {pos} ({hex}) are not a chunk header; the rest of the file ({_len - pos} bytes) was ignored. {ResaveHint}", pos);
                        return pos;
                    }

                    count++;
                    var id = Ascii(hdr, h, 4);
                    _chunks.Add(id);
                    var rawSize = U32(hdr, h + 4);
                    long size = rawSize;
                    if (_rf64 && rawSize == uint.MaxValue)
                    {
                        if (id == "data" && _ds64Data.HasValue) size = _ds64Data.Value;
                        else if (_ds64Table != null && _ds64Table.TryGetValue(id, out var big)) size = big;
                    }
                    var body = pos + 8;
                    var available = _len - body;

                    if (id == "data" && _dataOffset < 0)
                    {
                        _dataOffset = body;
                        _info.DeclaredDataBytes = size;
                        var unknown = rawSize == uint.MaxValue && !(_rf64 && _ds64Data.HasValue);
                        if (!unknown && size == 0 && available > 0 && !LooksLikeChunkAt(body)) unknown = true;
                        if (unknown)
                        {
                            _dataBytes = available;
                            Warning(WavIssueCodes.DataSizeUnknown,
                                $"The data chunk size is 0x{rawSize:X8} (a streaming recorder never wrote the real size); all {available} bytes to the end of the file are taken as audio. {ResaveHint}", pos + 4);
                            return _len;
                        }
                        if (size > available)
                        {
                            _dataBytes = available;
                            Warning(WavIssueCodes.DataSizeClamped,
                                $"The data chunk declares {size} bytes but only {available} are present: the recording is truncated and only the bytes present are used. Check the end of the recording; re-record or re-export it if audio is missing.", pos + 4);
                            return _len;
                        }
                        _dataBytes = size;
                    }
                    else if (id == "fmt " && !_fmtSeen)
                    {
                        _fmtSeen = true;
                        if (size > available)
                        {
                            Error(WavIssueCodes.FmtTruncated,
                                $"The fmt chunk at offset {pos} declares {size} bytes but only {available} remain: the file was cut off inside its header. Re-export or re-copy it.", pos);
                            return _len;
                        }
                        if (size < 16)
                        {
                            Error(WavIssueCodes.FmtInvalid,
                                $"The fmt chunk is {size} bytes; a WAV format header needs at least 16. {ConvertHint}", pos);
                        }
                        else
                        {
                            if (size > MaxFmtBytes)
                            {
                                Warning(WavIssueCodes.FmtOversized,
                                    $"The fmt chunk is {size} bytes (normal: 16, 18 or 40); only the first {MaxFmtBytes} were read. {ResaveHint}", pos);
                            }
                            var n = ReadAt(body, _buf, (int)Math.Min(size, MaxFmtBytes));
                            ParseFmt(_buf, n, size, pos);
                        }
                    }
                    else
                    {
                        if (id == "fmt " || id == "data")
                        {
                            Warning(WavIssueCodes.DuplicateChunk,
                                $"A second '{id}' chunk at offset {pos} was ignored; the first one is used. {ResaveHint}", pos);
                        }
                        if (size > available)
                        {
                            Warning(WavIssueCodes.ChunkOverrun,
                                $"Chunk '{Printable(id)}' at offset {pos} declares {size} bytes, past the end of the file ({_len} bytes); reading stopped there. {ResaveHint}", pos);
                            return pos;
                        }
                    }

                    previousOdd = (size & 1) == 1;
                    pos = body + size + (size & 1);
                }
            }

            /// <summary>True when 8 bytes at <paramref name="offset"/> look like a chunk header that fits the file.</summary>
            private bool LooksLikeChunkAt(long offset)
            {
                var b = new byte[8];
                if (offset + 8 > _len || ReadAt(offset, b, 8) < 8) return false;
                return IsChunkId(b, 0) && offset + 8 + U32(b, 4) <= _len;
            }

            // ---- fmt ----------------------------------------------------------------------------
            private void ParseFmt(byte[] b, int n, long declaredSize, long chunkOffset)
            {
                var tag = U16(b, 0);
                var channels = U16(b, 2);
                var sampleRate = U32(b, 4);
                var byteRate = U32(b, 8);
                int blockAlign = U16(b, 12);
                int bits = U16(b, 14);

                _info.FormatTag = tag;
                _info.Channels = channels;
                _info.SampleRate = (int)Math.Min(sampleRate, int.MaxValue);
                _info.BitsPerSample = bits;
                var effective = tag;
                var validBits = bits;
                var name = TagName(tag);
                var ok = true;
                var notes = new List<string>();

                if (tag == TagExtensible)
                {
                    if (n < 40)
                    {
                        Error(WavIssueCodes.FmtInvalid,
                            $"The fmt chunk says WAVE_FORMAT_EXTENSIBLE but is {declaredSize} bytes; that format needs 40. {ConvertHint}", chunkOffset);
                        ok = false;
                    }
                    else
                    {
                        validBits = U16(b, 18);
                        _info.ChannelMask = U32(b, 20);
                        if (IsKsDataFormat(b, 24))
                        {
                            effective = U16(b, 24);
                            name = "EXTENSIBLE/" + TagName(effective);
                        }
                        else
                        {
                            var guid = new byte[16];
                            Array.Copy(b, 24, guid, 0, 16);
                            name = "EXTENSIBLE/{" + new Guid(guid) + "}";
                        }
                        if (validBits == 0)
                        {
                            notes.Add($"wValidBitsPerSample is 0 (taken as {bits})");
                            validBits = bits;
                        }
                        else if (validBits > bits)
                        {
                            notes.Add($"wValidBitsPerSample {validBits} exceeds wBitsPerSample {bits}");
                            validBits = bits;
                        }
                    }
                }
                _info.FormatName = name;
                _info.EffectiveFormatTag = effective;
                _info.ValidBitsPerSample = validBits;

                if (ok && channels == 0)
                {
                    Error(WavIssueCodes.FmtInvalid, $"The fmt chunk declares 0 channels. {ConvertHint}", chunkOffset);
                    ok = false;
                }
                if (ok && (sampleRate == 0 || sampleRate > int.MaxValue))
                {
                    Error(WavIssueCodes.FmtInvalid, $"The fmt chunk declares a sample rate of {sampleRate} Hz. {ConvertHint}", chunkOffset);
                    ok = false;
                }

                var encoding = WavSampleEncoding.None;
                if (ok)
                {
                    if (effective == TagPcm && bits == 0)
                    {
                        Error(WavIssueCodes.FmtInvalid, $"The fmt chunk declares PCM with 0 bits per sample. {ConvertHint}", chunkOffset);
                        ok = false;
                    }
                    else if (effective == TagPcm && bits <= 32)
                    {
                        encoding = (bits + 7) / 8 == 1 ? WavSampleEncoding.PcmUnsigned8 : WavSampleEncoding.PcmSigned;
                    }
                    else if (effective == TagFloat && (bits == 32 || bits == 64))
                    {
                        encoding = bits == 32 ? WavSampleEncoding.Float32 : WavSampleEncoding.Float64;
                    }
                    else
                    {
                        var what = effective == TagPcm || effective == TagFloat ? $"{bits}-bit {name}" : name;
                        Error(WavIssueCodes.UnsupportedFormat,
                            $"{what} audio is not supported: only PCM (8/16/24/32-bit) and IEEE float (32/64-bit) WAV can be read. {ConvertHint}", chunkOffset);
                    }
                }

                if (encoding != WavSampleEncoding.None)
                {
                    var expectedAlign = channels * ((bits + 7) / 8);
                    if (blockAlign != expectedAlign)
                    {
                        notes.Add($"nBlockAlign is {blockAlign}, expected {expectedAlign}");
                        blockAlign = expectedAlign;
                    }
                    var expectedRate = (long)sampleRate * blockAlign;
                    if (byteRate != expectedRate)
                    {
                        notes.Add($"nAvgBytesPerSec is {byteRate}, expected {expectedRate}");
                    }
                    _info.ByteRate = expectedRate;
                }
                else
                {
                    _info.ByteRate = byteRate;
                }
                _info.BlockAlign = blockAlign;
                _info.Encoding = encoding;
                _fmtOk = ok;

                if (notes.Count > 0)
                {
                    Warning(WavIssueCodes.HeaderInconsistent,
                        $"The fmt header is inconsistent: {string.Join("; ", notes)}. The values were recomputed from {channels} channel(s), {bits} bits and {sampleRate} Hz; players disagree on which field to trust. {ResaveHint}", chunkOffset);
                }
            }

            private static bool IsKsDataFormat(byte[] b, int at)
            {
                // {xxxxxxxx-0000-0010-8000-00AA00389B71}, Data1 little-endian: only the low 16 bits carry the tag.
                byte[] tail = { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };
                for (var i = 0; i < tail.Length; i++)
                    if (b[at + 2 + i] != tail[i]) return false;
                return true;
            }

            internal static string TagName(int tag)
            {
                switch (tag)
                {
                    case TagPcm: return "PCM";
                    case 0x0002: return "ADPCM";
                    case TagFloat: return "IEEE_FLOAT";
                    case TagALaw: return "ALAW";
                    case TagMuLaw: return "MULAW";
                    case 0x0011: return "IMA_ADPCM";
                    case 0x0031: return "GSM610";
                    case 0x0050: return "MPEG";
                    case 0x0055: return "MPEGLAYER3";
                    case 0x00FF: return "AAC";
                    case 0x1610: return "HEAAC";
                    case 0x2000: return "AC3";
                    case TagExtensible: return "EXTENSIBLE";
                    default: return $"0x{tag:X4}";
                }
            }

            // ---- result -------------------------------------------------------------------------
            private WavInfo Finish()
            {
                if (_info.IsWav)
                {
                    if (!_fmtSeen)
                        Error(WavIssueCodes.MissingFmt,
                            $"No 'fmt ' chunk was found, so the sample format is unknown (chunks: {ChunkList()}). Re-export the file as WAV.");
                    if (_dataOffset < 0)
                        Error(WavIssueCodes.MissingData,
                            $"No 'data' chunk was found: the file holds no audio (chunks: {ChunkList()}). Re-export or re-record it.");
                }

                _info.DataOffset = _dataOffset;
                _info.DataBytes = _dataOffset >= 0 ? _dataBytes : 0;
                if (_dataOffset >= 0 && _fmtOk && _info.BlockAlign > 0)
                {
                    _info.Frames = _dataBytes / _info.BlockAlign;
                    var partial = _dataBytes % _info.BlockAlign;
                    if (partial != 0)
                    {
                        Warning(WavIssueCodes.PartialFrame,
                            $"The audio is {_dataBytes} bytes, not a whole number of {_info.BlockAlign}-byte frames; the last {partial} byte(s) are ignored.", _dataOffset + _dataBytes - partial);
                    }
                    if (_info.SampleRate > 0) _info.Duration = FramesToTime(_info.Frames, _info.SampleRate);
                    if (_info.Frames == 0 && _info.Encoding != WavSampleEncoding.None)
                    {
                        Error(WavIssueCodes.NoAudio,
                            "The data chunk holds no complete audio frame (0 seconds of audio). Re-record or re-export the file.", _dataOffset);
                    }
                }

                _info.Chunks = _chunks.ToArray();
                _info.Issues = _issues.ToArray();
                _info.BytesRead = _bytesRead;
                return _info;
            }

            private string ChunkList() => _chunks.Count == 0 ? "none" : string.Join(", ", _chunks.ConvertAll(Printable));

            // ---- helpers ------------------------------------------------------------------------
            private int ReadAt(long offset, byte[] buffer, int count)
            {
                if (offset < 0 || offset >= _len) return 0;
                count = (int)Math.Min(count, _len - offset);
                _stream.Seek(_base + offset, SeekOrigin.Begin);
                var total = 0;
                while (total < count)
                {
                    var n = _stream.Read(buffer, total, count - total);
                    if (n <= 0) break;
                    total += n;
                }
                _bytesRead += total;
                return total;
            }

            private void Error(string code, string message, long offset = -1) =>
                _issues.Add(new WavIssue(code, WavIssueSeverity.Error, message, offset));

            private void Warning(string code, string message, long offset = -1) =>
                _issues.Add(new WavIssue(code, WavIssueSeverity.Warning, message, offset));
        }

        // ---- statistics -----------------------------------------------------------------------------

        /// <summary>
        /// One streaming pass over the samples of a file read by <see cref="Read(string)"/>: peak and RMS
        /// level, clipped samples, leading/trailing silence (all channels below
        /// <paramref name="silenceThresholdDbfs"/>). Memory is a fixed 64 KiB buffer whatever the length.
        /// </summary>
        internal static WavStatistics Analyze(string path, WavInfo info, CancellationToken ct,
            double silenceThresholdDbfs = DefaultSilenceThresholdDbfs)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (info == null) throw new ArgumentNullException(nameof(info));
            if (!info.IsReadable || info.Encoding == WavSampleEncoding.None || info.DataOffset < 0 || info.Channels <= 0 || info.BlockAlign <= 0)
                throw new ArgumentException($"'{info.Name}' has no readable PCM/float samples: {info.Error ?? "unsupported format"}", nameof(info));

            var channels = info.Channels;
            var blockAlign = info.BlockAlign;
            var bytesPerSample = blockAlign / channels;
            var validBits = Math.Max(1, Math.Min(info.ValidBitsPerSample > 0 ? info.ValidBitsPerSample : info.BitsPerSample, bytesPerSample * 8));
            var threshold = Math.Pow(10, silenceThresholdDbfs / 20);

            var framesPerBuffer = Math.Max(1, 65536 / blockAlign);
            var buffer = new byte[framesPerBuffer * blockAlign];
            var samples = new double[framesPerBuffer * channels];

            double peak = 0, sumSquares = 0;
            long clipped = 0, frame = 0, firstLoud = -1, lastLoud = -1;
            var remaining = info.Frames * blockAlign;

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                stream.Seek(info.DataOffset, SeekOrigin.Begin);
                while (remaining > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    var want = (int)Math.Min(buffer.Length, remaining);
                    var got = 0;
                    while (got < want)
                    {
                        var n = stream.Read(buffer, got, want - got);
                        if (n <= 0) break;
                        got += n;
                    }
                    var frames = got / blockAlign;
                    if (frames == 0) break;
                    remaining -= got;

                    clipped += Decode(info.Encoding, buffer, frames * channels, bytesPerSample, validBits, samples);
                    for (int f = 0, s = 0; f < frames; f++, frame++)
                    {
                        var loud = false;
                        for (var c = 0; c < channels; c++, s++)
                        {
                            var x = samples[s];
                            var a = Math.Abs(x);
                            if (a > peak) peak = a;
                            sumSquares += x * x;
                            if (a > threshold) loud = true;
                        }
                        if (loud)
                        {
                            if (firstLoud < 0) firstLoud = frame;
                            lastLoud = frame;
                        }
                    }
                    if (got < want) break;
                }
            }

            var sampleCount = frame * channels;
            var stats = new WavStatistics
            {
                PeakDbfs = peak > 0 ? 20 * Math.Log10(peak) : double.NegativeInfinity,
                RmsDbfs = sampleCount > 0 && sumSquares > 0 ? 10 * Math.Log10(sumSquares / sampleCount) : double.NegativeInfinity,
                ClippedSamples = clipped,
                SilenceThresholdDbfs = silenceThresholdDbfs,
                FramesAnalyzed = frame,
                SamplesAnalyzed = sampleCount,
                IsSilent = firstLoud < 0,
            };
            var rate = info.SampleRate;
            if (firstLoud < 0)
            {
                stats.LeadingSilence = stats.TrailingSilence = FramesToTime(frame, rate);
            }
            else
            {
                stats.LeadingSilence = FramesToTime(firstLoud, rate);
                stats.TrailingSilence = FramesToTime(frame - 1 - lastLoud, rate);
            }
            return stats;
        }

        /// <summary>Decodes <paramref name="count"/> samples to [-1, 1); returns how many sit at a full-scale rail.</summary>
        private static long Decode(WavSampleEncoding encoding, byte[] b, int count, int bytesPerSample, int validBits, double[] dst)
        {
            long clipped = 0;
            switch (encoding)
            {
                case WavSampleEncoding.PcmUnsigned8:
                    for (var i = 0; i < count; i++)
                    {
                        var v = b[i * bytesPerSample];
                        if (v == 0 || v == 255) clipped++;
                        dst[i] = (v - 128) / 128.0;
                    }
                    break;
                case WavSampleEncoding.PcmSigned:
                {
                    var shift = bytesPerSample * 8 - validBits;
                    var full = (double)(1L << (validBits - 1));
                    var max = (1L << (validBits - 1)) - 1;
                    var min = -(1L << (validBits - 1));
                    for (int i = 0, at = 0; i < count; i++, at += bytesPerSample)
                    {
                        int raw;
                        switch (bytesPerSample)
                        {
                            case 2: raw = (short)(b[at] | b[at + 1] << 8); break;
                            case 3: raw = (b[at] << 8 | b[at + 1] << 16 | b[at + 2] << 24) >> 8; break;
                            default: raw = b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24; break;
                        }
                        long v = raw >> shift;
                        if (v >= max || v <= min) clipped++;
                        dst[i] = v / full;
                    }
                    break;
                }
                case WavSampleEncoding.Float32:
                    for (var i = 0; i < count; i++)
                        dst[i] = Float(BitConverter.ToSingle(b, i * 4), ref clipped);
                    break;
                case WavSampleEncoding.Float64:
                    for (var i = 0; i < count; i++)
                        dst[i] = Float(BitConverter.ToDouble(b, i * 8), ref clipped);
                    break;
            }
            return clipped;
        }

        private static double Float(double x, ref long clipped)
        {
            if (double.IsNaN(x) || double.IsInfinity(x))
            {
                clipped++;
                return 0;
            }
            if (x >= 1.0 || x <= -1.0) clipped++;
            return x;
        }

        // ---- shared helpers ---------------------------------------------------------------------------
        internal static TimeSpan FramesToTime(long frames, int sampleRate)
        {
            if (sampleRate <= 0 || frames <= 0) return TimeSpan.Zero;
            // Split to avoid overflow of frames * 10^7 for multi-GiB files.
            var ticks = frames / sampleRate * TimeSpan.TicksPerSecond + frames % sampleRate * TimeSpan.TicksPerSecond / sampleRate;
            return TimeSpan.FromTicks(ticks);
        }

        private static bool IsChunkId(byte[] b, int at)
        {
            for (var i = 0; i < 4; i++)
                if (b[at + i] < 0x20 || b[at + i] > 0x7E) return false;
            return b[at] != 0x20; // an id may end in spaces ("fmt ") but not start with one
        }

        private static string Ascii(byte[] b, int at, int count) => Encoding.ASCII.GetString(b, at, count);

        private static string Printable(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s) sb.Append(c >= 0x20 && c <= 0x7E ? c : '?');
            return sb.ToString();
        }

        private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

        private static uint U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static ulong U64(byte[] b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;
    }
}
