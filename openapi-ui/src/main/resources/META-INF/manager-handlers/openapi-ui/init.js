// Loads the manager's document (GET /openapi, which needs the key) into Swagger UI, sending the key given as
// #key=... or typed in the form with every request the page makes, "Try it out" included.
(function () {
  "use strict";
  var key = new URLSearchParams(location.hash.replace(/^#/, "")).get("key") || "";
  var input = document.getElementById("mh-key-input");
  input.value = key;

  function load() {
    window.ui = SwaggerUIBundle({
      url: new URL("../openapi", location.href).href,
      dom_id: "#swagger-ui",
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "BaseLayout",
      tryItOutEnabled: true,
      requestInterceptor: function (request) {
        if (key) {
          request.headers.Authorization = "Bearer " + key;
        }
        return request;
      }
    });
  }

  document.getElementById("mh-key").addEventListener("submit", function (event) {
    event.preventDefault();
    key = input.value;
    history.replaceState(null, "", key ? "#key=" + encodeURIComponent(key) : "#");
    load();
  });
  load();
})();
