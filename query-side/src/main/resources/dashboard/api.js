// The dashboard's API client: the admin token lives in sessionStorage (this tab only) and goes in the
// Authorization header; a ?token= in the address is taken once and removed from the URL and history.

const KEY = 'lethe.adminToken';

export class HttpError extends Error {
    constructor(status, body) {
        super((body && body.message) || ('HTTP ' + status));
        this.status = status;
        this.errorCode = body && body.errorCode;
    }
}

export function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (token) {
        sessionStorage.setItem(KEY, token);
        url.searchParams.delete('token');
        history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
}

export const token = {
    get: () => sessionStorage.getItem(KEY),
    set: value => sessionStorage.setItem(KEY, value),
    clear: () => sessionStorage.removeItem(KEY),
};

async function request(path, options = {}) {
    const headers = Object.assign({}, options.headers);
    const t = token.get();
    if (t) headers.Authorization = 'Bearer ' + t;
    const response = await fetch(path, Object.assign({}, options, {headers, cache: 'no-store'}));
    if (!response.ok) {
        let body = null;
        try { body = await response.json(); } catch (ignored) { /* not JSON */ }
        throw new HttpError(response.status, body);
    }
    return response;
}

export async function getJson(path) {
    return (await request(path)).json();
}

export async function getBlob(path) {
    return (await request(path)).blob();
}

export async function postJson(path, body) {
    const response = await request(path, {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    return response.json();
}
