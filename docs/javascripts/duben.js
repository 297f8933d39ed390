/* duben reader behaviour. Progressive enhancement only: without JavaScript
 * every annotation is visible. (Reading controls arrive in later issues.) */
document.documentElement.classList.add("db-js");
