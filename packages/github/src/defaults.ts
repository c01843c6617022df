/** github.com's addresses; GitHub Enterprise Server runners set GITHUB_API_URL and GITHUB_SERVER_URL instead. */
export const defaultApiUrl = "https://api.github.com";
export const defaultServerUrl = "https://github.com";
