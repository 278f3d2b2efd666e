package io.platform.support.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI routes in history mode: a browser asking for one of its pages directly (a bookmark, a
 * reload) gets the UI's index.html, which then shows the page. /api and /actuator are untouched.
 */
@Controller
class WebUiForwarding {

	@GetMapping({ "/apps", "/apps/**", "/deployments/**", "/environments", "/environments/**", "/signin", "/users",
			"/users/**", "/tokens", "/audit", "/gitlab" })
	String page() {
		return "forward:/index.html";
	}

}
