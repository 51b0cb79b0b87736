using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Http;

public enum BodyKind { Json, UrlEncodedForm, MultipartForm }
