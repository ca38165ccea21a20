using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace Tsid.Cli
{
    /// <summary>
    /// Opens the files named on the command line: <c>-</c> is standard input; a pipe, <c>/dev/stdin</c> or a process
    /// substitution (<c>&lt;(…)</c>) is read like a file but cannot seek (no length, so no percentage). Every failure
    /// becomes a short reason for one stderr line (<c>tsid: FILE: reason</c>), never an exception.
    /// </summary>
    internal static class InputFile
    {
        /// <summary>The file name that means standard input.</summary>
        public const string StandardInput = "-";

        /// <summary>The largest certificate file <c>tsid cert</c> reads (PEM bundles of a few thousand certificates fit).</summary>
        public const int MaxCertificateFileLength = 64 * 1024 * 1024;

        /// <summary>Opens <paramref name="path"/> for reading, or says why not.</summary>
        public static bool TryOpen(string path, [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out string? problem)
        {
            stream = null;
            if (path == StandardInput)
            {
                stream = Console.OpenStandardInput();
                problem = null;
                return true;
            }

            if (Directory.Exists(path))
            {
                problem = "is a directory";
                return false;
            }

            try
            {
                // FileShare.ReadWrite | Delete: a capture still being written (or rotated away) can be read.
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 16);
                problem = null;
                return true;
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                problem = Reason(e);
                return false;
            }
        }

        /// <summary>Reads all of <paramref name="path"/> (at most <paramref name="limit"/> bytes), or says why not.</summary>
        public static bool TryReadAll(string path, int limit, [NotNullWhen(true)] out byte[]? content, [NotNullWhen(false)] out string? problem)
        {
            content = null;
            if (!TryOpen(path, out Stream? stream, out problem))
            {
                return false;
            }

            try
            {
                using (stream)
                {
                    var buffer = new MemoryStream();
                    byte[] chunk = new byte[1 << 16];
                    int read;
                    while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                    {
                        if (buffer.Length + read > limit)
                        {
                            problem = $"larger than {limit / (1024 * 1024)} MiB, not read";
                            return false;
                        }

                        buffer.Write(chunk, 0, read);
                    }

                    content = buffer.ToArray();
                    return true;
                }
            }
            catch (Exception e) when (IsReadFailure(e))
            {
                problem = "read error: " + Reason(e);
                return false;
            }
        }

        /// <summary>True for the exceptions a file system gives for a file that cannot be opened or read.</summary>
        public static bool IsReadFailure(Exception e) =>
            e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException;

        /// <summary>A failure in a few lower-case words: <c>no such file</c>, <c>permission denied</c>, or the system's own words.</summary>
        public static string Reason(Exception e) => e switch
        {
            FileNotFoundException or DirectoryNotFoundException => "no such file",
            UnauthorizedAccessException => "permission denied",
            PathTooLongException => "path too long",
            _ => Lower(e.InnerException is IOException inner ? inner.Message : e.Message),
        };

        private static string Lower(string message)
        {
            // .NET on Unix appends the path (" : '/x/y'"); the stderr line names the file already.
            int path = message.IndexOf(" : '", StringComparison.Ordinal);
            if (path > 0 && message.EndsWith("'", StringComparison.Ordinal))
            {
                message = message.Substring(0, path);
            }

            message = message.Trim().TrimEnd('.');
            if (message.Length > 200)
            {
                message = message.Substring(0, 200) + "…";
            }

            // "No space left on device" → "no space left on device"; a message that starts with a path or acronym stays.
            return message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1])
                ? char.ToLowerInvariant(message[0]) + message.Substring(1)
                : message;
        }
    }
}
